namespace Dragline.Linux.Discovery;

/// <summary>A process resource limit in bytes (a line of <c>/proc/self/limits</c>); null means unlimited.</summary>
public sealed record ResourceLimit(ulong? SoftBytes, ulong? HardBytes, string Source)
{
    public bool IsUnlimited => SoftBytes is null;

    /// <summary>The soft limit as people read it: <c>unlimited</c>, <c>8 MiB</c>, <c>64 KiB</c>.</summary>
    public string SoftText => Format(SoftBytes);

    public string HardText => Format(HardBytes);

    public static string Format(ulong? bytes) => bytes switch
    {
        null => "unlimited",
        >= 1UL << 30 when bytes % (1UL << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1UL << 20 when bytes % (1UL << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1UL << 10 when bytes % (1UL << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };
}

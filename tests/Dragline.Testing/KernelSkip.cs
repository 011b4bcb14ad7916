namespace Dragline.Testing;

/// <summary>
/// The one kind of skip that <c>./test.sh</c> accepts when it runs as root with <c>CI=true</c>: the machine's kernel
/// truly lacks (or, for a test of a host without a feature, has) what the test needs, and nothing test.sh installs
/// changes that. Every other skip (not root, a missing package or tool, no QEMU, unpublished artifacts) counts as a
/// failure there: scripts/trx-summary.sh lists each skip with its reason and recognises these by their prefix.
/// Use as <c>Assert.Skip(KernelSkip.Lacks("802.1Q (the 8021q module)", "..."))</c>.
/// </summary>
public static class KernelSkip
{
    /// <summary>The prefix of a skip reason for a kernel feature the machine lacks.</summary>
    public const string LacksPrefix = "kernel lacks: ";

    /// <summary>The prefix of a skip reason for a test of a host without a feature, on a machine whose kernel has it.</summary>
    public const string HasPrefix = "kernel has: ";

    /// <summary>"kernel lacks: FEATURE; DETAIL".</summary>
    public static string Lacks(string feature, string detail) => Reason(LacksPrefix, feature, detail);

    /// <summary>"kernel has: FEATURE; DETAIL".</summary>
    public static string Has(string feature, string detail) => Reason(HasPrefix, feature, detail);

    /// <summary>Whether <paramref name="reason"/> is a kernel-capability reason (what CI accepts as a skip).</summary>
    public static bool IsKernelReason(string? reason) =>
        reason is not null && (reason.StartsWith(LacksPrefix, StringComparison.Ordinal) || reason.StartsWith(HasPrefix, StringComparison.Ordinal));

    private static string Reason(string prefix, string feature, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        return string.IsNullOrWhiteSpace(detail) ? prefix + feature : $"{prefix}{feature}; {detail}";
    }
}

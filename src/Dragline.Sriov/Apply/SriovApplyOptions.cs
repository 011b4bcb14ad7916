using System.Security.Cryptography;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;

namespace Dragline.Sriov.Apply;

/// <summary>Timing and sources for <see cref="SriovPlanApplier"/>.</summary>
public sealed record SriovApplyOptions
{
    /// <summary>How long to wait for the VFs after writing <c>sriov_numvfs</c> (upstream: 120 s).</summary>
    public TimeSpan VfWaitTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long to wait for a VF's netdev after a bind (upstream: 10 s).</summary>
    public TimeSpan NetdevWaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often to look again while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The GUID for an InfiniBand VF whose GUID is unset. Default: random, first byte 1..0xFE (as the operator does),
    /// so the GUID is neither all-zero nor all-ones.
    /// </summary>
    public Func<PciAddress, int, Guid64> NewGuid { get; init; } = (_, _) => RandomGuid();

    /// <summary>Where discovery gets altNames for the reported status; none when null.</summary>
    public INetDeviceAltNameSource? AltNames { get; init; }

    private static Guid64 RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)(1 + (bytes[0] % 0xFE));
        return Guid64.FromBytes(bytes);
    }
}

using System.Text.Json.Serialization;
using Dragline.Core.Hardware;

namespace Dragline.Sriov.Plan;

/// <summary>VFs <see cref="FirstVf"/>..<see cref="LastVf"/> (inclusive) of one PF.</summary>
public sealed record SriovVfRange
{
    public required string PfName { get; init; }

    [JsonConverter(typeof(PciAddressJsonConverter))]
    public required PciAddress PfPciAddress { get; init; }

    public required int FirstVf { get; init; }

    public required int LastVf { get; init; }

    public int Count => LastVf - FirstVf + 1;

    /// <summary><c>ibs5f0#0-11</c>, the device plugin's pfNames spelling.</summary>
    public override string ToString() => $"{PfName}#{FirstVf}-{LastVf}";
}

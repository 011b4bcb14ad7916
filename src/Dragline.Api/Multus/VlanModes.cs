namespace Dragline.Api.Multus;

/// <summary>The <c>spec.vlan.vlanMode</c> values.</summary>
public static class VlanModes
{
    /// <summary>The VLAN ID comes from <c>vlanID</c> (the default).</summary>
    public const string Manual = "manual";

    /// <summary>The VLAN ID comes from the IPAM result at runtime; <c>vlanID</c> must not be set.</summary>
    public const string Auto = "auto";
}

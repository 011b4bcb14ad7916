namespace Dragline.Api.Multus;

/// <summary>The <c>spec.cniType</c> values of a SpiderMultusConfig.</summary>
public static class CniTypes
{
    public const string Macvlan = "macvlan";
    public const string Ipvlan = "ipvlan";
    public const string Vlan = "vlan";
    public const string Sriov = "sriov";
    public const string Ovs = "ovs";
    public const string IbSriov = "ib-sriov";
    public const string Ipoib = "ipoib";
    public const string Custom = "custom";

    /// <summary>In the order the CRD's enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Macvlan, Ipvlan, Vlan, Sriov, Ovs, IbSriov, Ipoib, Custom];
}

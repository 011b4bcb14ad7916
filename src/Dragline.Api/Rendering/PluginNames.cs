namespace Dragline.Api.Rendering;

/// <summary>
/// The CNI plugin <c>type</c> names a rendered network uses. <see cref="Dragline"/> names Dragline's own
/// binaries; <see cref="Upstream"/> names the binaries a Spiderpool installation ships, for sites that
/// keep those. Any single name can be changed with a <c>with</c> expression.
/// </summary>
public sealed record PluginNames
{
    /// <summary>The IPAM plugin (Spiderpool: <c>spiderpool</c>).</summary>
    public string Ipam { get; init; } = "dragline-ipam";

    /// <summary>The coordinator (Spiderpool: <c>coordinator</c>).</summary>
    public string Coordinator { get; init; } = "dragline-coordinator";

    /// <summary>The VLAN and bond interface creator (Spiderpool: <c>ifacer</c>).</summary>
    public string Ifacer { get; init; } = "dragline-ifacer";

    /// <summary>The Ethernet SR-IOV plugin (upstream: <c>sriov</c>).</summary>
    public string Sriov { get; init; } = "dragline-sriov";

    /// <summary>The InfiniBand SR-IOV plugin (upstream: <c>ib-sriov</c>).</summary>
    public string IbSriov { get; init; } = "dragline-ib-sriov";

    /// <summary>The plugin that moves a VF's RDMA device into the pod (upstream: <c>rdma</c>).</summary>
    public string Rdma { get; init; } = "dragline-rdma";

    /// <summary>Reference plugin for macvlan children.</summary>
    public string Macvlan { get; init; } = "macvlan";

    /// <summary>Reference plugin for ipvlan children.</summary>
    public string Ipvlan { get; init; } = "ipvlan";

    /// <summary>Reference plugin for VLAN interfaces.</summary>
    public string Vlan { get; init; } = "vlan";

    /// <summary>IPoIB plugin.</summary>
    public string Ipoib { get; init; } = "ipoib";

    /// <summary>Open vSwitch plugin.</summary>
    public string Ovs { get; init; } = "ovs";

    /// <summary>Reference plugin that sets the SR-IOV VF's MTU.</summary>
    public string Tuning { get; init; } = "tuning";

    /// <summary>Dragline's binaries (the default).</summary>
    public static PluginNames Dragline { get; } = new();

    /// <summary>The binaries a Spiderpool installation ships: spiderpool, coordinator, ifacer, sriov, ib-sriov, rdma.</summary>
    public static PluginNames Upstream { get; } = new()
    {
        Ipam = "spiderpool",
        Coordinator = "coordinator",
        Ifacer = "ifacer",
        Sriov = "sriov",
        IbSriov = "ib-sriov",
        Rdma = "rdma",
    };

    /// <summary>The names of the presets <see cref="FromPreset"/> accepts.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["dragline", "upstream"];

    /// <summary>The preset called <paramref name="preset"/> (<c>dragline</c> or <c>upstream</c>), or null when there is none.</summary>
    public static PluginNames? FromPreset(string preset) => preset.ToLowerInvariant() switch
    {
        "dragline" => Dragline,
        "upstream" or "spiderpool" => Upstream,
        _ => null,
    };

    /// <summary>
    /// This set with one name replaced; <paramref name="role"/> is one of <see cref="Roles"/>
    /// (<c>ipam</c>, <c>coordinator</c>, ...). Returns null when the role is unknown.
    /// </summary>
    public PluginNames? With(string role, string type) => role.ToLowerInvariant() switch
    {
        "ipam" => this with { Ipam = type },
        "coordinator" => this with { Coordinator = type },
        "ifacer" => this with { Ifacer = type },
        "sriov" => this with { Sriov = type },
        "ib-sriov" or "ibsriov" => this with { IbSriov = type },
        "rdma" => this with { Rdma = type },
        "macvlan" => this with { Macvlan = type },
        "ipvlan" => this with { Ipvlan = type },
        "vlan" => this with { Vlan = type },
        "ipoib" => this with { Ipoib = type },
        "ovs" => this with { Ovs = type },
        "tuning" => this with { Tuning = type },
        _ => null,
    };

    /// <summary>The roles <see cref="With"/> accepts.</summary>
    public static IReadOnlyList<string> Roles { get; } =
        ["ipam", "coordinator", "ifacer", "sriov", "ib-sriov", "rdma", "macvlan", "ipvlan", "vlan", "ipoib", "ovs", "tuning"];
}

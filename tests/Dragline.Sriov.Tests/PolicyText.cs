using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;

namespace Dragline.Sriov.Tests;

/// <summary>Builds policies and node states for planner tests.</summary>
public static class PolicyText
{
    public static readonly Dictionary<string, string> LinuxNode = new() { ["kubernetes.io/os"] = "linux", ["node-role.kubernetes.io/worker"] = "" };

    /// <summary>The SriovNetworkNodePolicies of a YAML stream.</summary>
    public static List<SriovNetworkNodePolicy> Parse(string yaml)
    {
        IReadOnlyList<ManifestDocument> documents = ManifestReader.Default.ReadString(yaml);
        Assert.All(documents, d => Assert.Null(d.DecodeError));
        return [.. documents.Select(d => d.Object).OfType<SriovNetworkNodePolicy>()];
    }

    /// <summary>A policy in kube-system selecting Linux nodes; <paramref name="nic"/> is the nicSelector body in flow YAML.</summary>
    public static string Policy(string name, string nic, int numVfs, string resource, int? priority = null, string extra = "", string nodeSelector = "{kubernetes.io/os: linux}") =>
        "apiVersion: sriovnetwork.openshift.io/v1\n"
        + "kind: SriovNetworkNodePolicy\n"
        + "metadata: {name: " + name + ", namespace: kube-system}\n"
        + "spec:\n"
        + "  nodeSelector: " + nodeSelector + "\n"
        + "  resourceName: " + resource + "\n"
        + "  numVfs: " + numVfs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"
        + "  nicSelector: " + nic + "\n"
        + (priority is int p ? "  priority: " + p.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" : "")
        + extra
        + "---\n";

    /// <summary>Two ConnectX-6 Dx Ethernet ports; ens1f0 also answers to the altName enp59s0f0.</summary>
    public static SriovNetworkNodeStateStatus TwoPortNic(long totalVfs = 64, long currentVfs = 0) => new()
    {
        Interfaces =
        [
            new SriovInterfaceStatus
            {
                Name = "ens1f0", PciAddress = "0000:3b:00.0", Vendor = "15b3", DeviceID = "101d", Driver = "mlx5_core",
                Mtu = 1500, LinkType = "ETH", TotalVfs = totalVfs, NumVfs = currentVfs, AltNames = ["enp59s0f0"],
            },
            new SriovInterfaceStatus
            {
                Name = "ens1f1", PciAddress = "0000:3b:00.1", Vendor = "15b3", DeviceID = "101d", Driver = "mlx5_core",
                Mtu = 1500, LinkType = "ETH", TotalVfs = totalVfs, NumVfs = currentVfs,
            },
        ],
    };

}

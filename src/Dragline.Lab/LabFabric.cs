using Dragline.Api.Model.Spiderpool;
using Dragline.Core.Net;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;

namespace Dragline.Lab;

/// <summary>
/// Builds the lab's network: the fabric namespace with bridge <c>br0</c> (the switch, which also holds each pool's
/// gateway address), and one namespace per node whose uplink <c>eth0</c> is a veth into that bridge.
/// </summary>
public static class LabFabric
{
    public const string BridgeName = "br0";

    public static void Build(LabState state, IReadOnlyList<SpiderIPPool> pools, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(progress);
        using NetworkNamespace fabric = NetworkNamespace.Create(state.FabricNamespace);
        using RtNetlinkClient fabricLinks = RtNetlinkClient.OpenInNamespace(fabric);
        fabricLinks.SetLinkUp(fabricLinks.GetLink("lo").Index);
        fabricLinks.CreateBridge(BridgeName);
        int bridge = fabricLinks.GetLink(BridgeName).Index;
        foreach (SpiderIPPool pool in pools)
        {
            if (pool.Spec?.Gateway is { Length: > 0 } gateway && pool.Spec.Subnet is { Length: > 0 } subnet)
            {
                string prefixLength = subnet[(subnet.IndexOf('/', StringComparison.Ordinal) + 1)..];
                IpCidr address = IpCidr.Parse($"{gateway}/{prefixLength}");
                if (!fabricLinks.ListAddresses(bridge).Any(a => a.Address.Equals(address)))
                {
                    fabricLinks.AddAddress(bridge, address);
                }
            }
        }

        fabricLinks.SetLinkUp(bridge);
        progress($"fabric {state.FabricNamespace}: bridge {BridgeName} up with the pools' gateways");
        foreach (LabNodeState node in state.Nodes)
        {
            using NetworkNamespace nodeNamespace = NetworkNamespace.Create(node.Namespace);
            fabricLinks.CreateVeth(node.Name, "eth0", nodeNamespace.Handle);
            int port = fabricLinks.GetLink(node.Name).Index;
            fabricLinks.SetMaster(port, bridge);
            fabricLinks.SetLinkUp(port);
            using RtNetlinkClient nodeLinks = RtNetlinkClient.OpenInNamespace(nodeNamespace);
            nodeLinks.SetLinkUp(nodeLinks.GetLink("lo").Index);
            nodeLinks.SetLinkUp(nodeLinks.GetLink("eth0").Index);
            progress($"node {node.Name}: namespace {node.Namespace}, uplink eth0 into {state.FabricNamespace}/{BridgeName}");
        }
    }
}

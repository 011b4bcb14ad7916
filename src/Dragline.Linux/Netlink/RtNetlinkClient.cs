using System.Globalization;
using System.Runtime.InteropServices;
using Dragline.Core;
using Dragline.Core.Hardware;
using Dragline.Core.Net;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink.Uapi;
using static Dragline.Linux.Netlink.Uapi.RtnetlinkUapi;

namespace Dragline.Linux.Netlink;

/// <summary>
/// rtnetlink (NETLINK_ROUTE): links, addresses, routes, rules, neighbours and SR-IOV VF settings,
/// in the namespace its socket was opened in. Errors are <see cref="NetlinkException"/>s carrying
/// the kernel's errno and extended-ack text.
/// Thread-safety: safe to share; requests on one client are serialised.
/// </summary>
public sealed class RtNetlinkClient : IDisposable
{
    private readonly NetlinkSocket _socket;

    public RtNetlinkClient(NetlinkSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.Protocol != NetlinkProtocol.Route)
        {
            throw new ArgumentException($"RtNetlinkClient needs a {NetlinkProtocol.Route} socket, not {socket.Protocol}.", nameof(socket));
        }

        _socket = socket;
    }

    /// <summary>Opens a client in the calling thread's network namespace.</summary>
    public static RtNetlinkClient Open() => new(NetlinkSocket.Open(NetlinkProtocol.Route));

    /// <summary>Opens a client whose socket lives in <paramref name="networkNamespace"/>; use it from any thread.</summary>
    public static RtNetlinkClient OpenInNamespace(NetworkNamespace networkNamespace) =>
        new(NetlinkSocket.OpenInNamespace(NetlinkProtocol.Route, networkNamespace));

    public void Dispose() => _socket.Dispose();

    // Links.

    /// <summary>All links, with their VFs (the dump asks for RTEXT_FILTER_VF).</summary>
    public IReadOnlyList<NetworkLink> ListLinks() =>
        _socket.Dump(RtNetlinkMessages.DumpLinks(), "list links", "all")
            .Where(reply => reply.Type == RTM_NEWLINK)
            .Select(reply => RtNetlinkParsers.ParseLink(reply.Payload))
            .ToList();

    /// <summary>The link named <paramref name="name"/>; a <see cref="NetlinkException"/> with reason NotFound when there is none.</summary>
    public NetworkLink GetLink(string name)
    {
        ValidateLinkName(name);
        return Single(_socket.Request(RtNetlinkMessages.GetLink(name, 0), "get link", name), name);
    }

    /// <summary>The link with index <paramref name="index"/>.</summary>
    public NetworkLink GetLink(int index) =>
        Single(_socket.Request(RtNetlinkMessages.GetLink(null, index), "get link", LinkValue(index)), LinkValue(index));

    /// <summary>The link named <paramref name="name"/>, or null when there is none.</summary>
    public NetworkLink? FindLink(string name)
    {
        try
        {
            return GetLink(name);
        }
        catch (NetlinkException exception) when (exception.Errno == Errnos.ENODEV)
        {
            return null;
        }
    }

    /// <summary>Creates a veth pair; the peer is created in <paramref name="peerNamespace"/> (an open netns fd) when given.</summary>
    public void CreateVeth(string name, string peerName, SafeHandle? peerNamespace = null, int? mtu = null)
    {
        ValidateLinkName(name);
        ValidateLinkName(peerName);
        WithFd(peerNamespace, fd => _socket.Request(RtNetlinkMessages.CreateVeth(name, peerName, fd, mtu), "create veth link", $"{name} (peer {peerName})"));
    }

    public void CreateMacvlan(string name, int parentIndex, MacvlanMode mode = MacvlanMode.Bridge)
    {
        ValidateLinkName(name);
        _socket.Request(RtNetlinkMessages.CreateMacvlan(name, parentIndex, mode), "create macvlan link", $"{name} on {LinkValue(parentIndex)}");
    }

    public void CreateBridge(string name)
    {
        ValidateLinkName(name);
        _socket.Request(RtNetlinkMessages.CreateBridge(name), "create bridge", name);
    }

    public void CreateVlan(string name, int parentIndex, ushort vlanId)
    {
        ValidateLinkName(name);
        if (vlanId is 0 or > 4094)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"VLAN id {vlanId} for link '{name}' is out of range: use 1-4094.");
        }

        _socket.Request(RtNetlinkMessages.CreateVlan(name, parentIndex, vlanId), "create vlan link", $"{name} (vlan {vlanId} on {LinkValue(parentIndex)})");
    }

    public void SetLinkUp(int index) =>
        _socket.Request(RtNetlinkMessages.SetFlags(index, LinkFlags.Up, LinkFlags.Up), "set link up", LinkValue(index));

    public void SetLinkDown(int index) =>
        _socket.Request(RtNetlinkMessages.SetFlags(index, LinkFlags.None, LinkFlags.Up), "set link down", LinkValue(index));

    public void SetMtu(int index, int mtu)
    {
        if (mtu <= 0)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"MTU {mtu} for {LinkValue(index)} is not positive.");
        }

        _socket.Request(RtNetlinkMessages.SetU32(index, IFLA_MTU, (uint)mtu), $"set MTU {mtu} on", LinkValue(index));
    }

    public void SetMacAddress(int index, MacAddress mac)
    {
        _socket.Request(RtNetlinkMessages.SetMacAddress(index, mac), $"set MAC {mac} on", LinkValue(index));
    }

    /// <summary>Renames a link; the kernel requires it to be down.</summary>
    public void SetName(int index, string newName)
    {
        ValidateLinkName(newName);
        _socket.Request(RtNetlinkMessages.SetName(index, newName), $"rename {LinkValue(index)} to", newName);
    }

    /// <summary>Adds an alternative name (up to 127 bytes; unique among names and altnames in the namespace).</summary>
    public void AddAltName(int index, string altName)
    {
        ValidateAltName(altName);
        _socket.Request(RtNetlinkMessages.AltName(index, altName, add: true), $"add altname {altName} to", LinkValue(index));
    }

    /// <summary>Removes an alternative name.</summary>
    public void DeleteAltName(int index, string altName)
    {
        ValidateAltName(altName);
        _socket.Request(RtNetlinkMessages.AltName(index, altName, add: false), $"delete altname {altName} of", LinkValue(index));
    }

    /// <summary>Enslaves a link to a bridge or bond.</summary>
    public void SetMaster(int index, int masterIndex) =>
        _socket.Request(RtNetlinkMessages.SetU32(index, IFLA_MASTER, (uint)masterIndex), $"set master {LinkValue(masterIndex)} of", LinkValue(index));

    /// <summary>Releases a link from its master.</summary>
    public void SetNoMaster(int index) =>
        _socket.Request(RtNetlinkMessages.SetU32(index, IFLA_MASTER, 0), "release from its master", LinkValue(index));

    /// <summary>Moves a link into the namespace <paramref name="networkNamespace"/> (an open netns fd).</summary>
    public void MoveToNamespace(int index, SafeHandle networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        WithFd(networkNamespace, fd => _socket.Request(RtNetlinkMessages.SetU32(index, IFLA_NET_NS_FD, (uint)fd!.Value), "move to another network namespace", LinkValue(index)));
    }

    public void DeleteLink(int index) =>
        _socket.Request(RtNetlinkMessages.DeleteLink(index), "delete link", LinkValue(index));

    // Addresses.

    /// <summary>Adds <paramref name="address"/> (address and prefix, e.g. 10.0.0.5/24) to link <paramref name="index"/>.</summary>
    public void AddAddress(int index, IpCidr address) =>
        AddAddress(new InterfaceAddress { InterfaceIndex = index, Address = address });

    /// <summary>Adds an address with scope, flags, label or broadcast.</summary>
    public void AddAddress(InterfaceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _socket.Request(RtNetlinkMessages.Address(RTM_NEWADDR, RtNetlinkMessages.CreateExclusive, address), $"add address to {LinkValue(address.InterfaceIndex)}", address.Address.ToString());
    }

    public void DeleteAddress(int index, IpCidr address)
    {
        var value = new InterfaceAddress { InterfaceIndex = index, Address = address };
        _socket.Request(RtNetlinkMessages.Address(RTM_DELADDR, RtNetlinkMessages.RequestAck, value), $"delete address from {LinkValue(index)}", address.ToString());
    }

    /// <summary>Addresses, optionally only those of one link and/or one family.</summary>
    public IReadOnlyList<InterfaceAddress> ListAddresses(int? index = null, IpFamily? family = null) =>
        _socket.Dump(RtNetlinkMessages.DumpAddresses(family), "list addresses", index is int i ? LinkValue(i) : "all links")
            .Where(reply => reply.Type == RTM_NEWADDR)
            .Select(reply => RtNetlinkParsers.ParseAddress(reply.Payload))
            .Where(address => index is null || address.InterfaceIndex == index)
            .ToList();

    // Routes.

    public void AddRoute(Route route)
    {
        ValidateRoute(route);
        _socket.Request(RtNetlinkMessages.Route(RTM_NEWROUTE, RtNetlinkMessages.CreateExclusive, route), "add route", Describe(route));
    }

    /// <summary>Deletes the route that matches the given destination, table and (when set) gateway, device and priority.</summary>
    public void DeleteRoute(Route route)
    {
        ValidateRoute(route);
        _socket.Request(RtNetlinkMessages.Route(RTM_DELROUTE, RtNetlinkMessages.RequestAck, route), "delete route", Describe(route));
    }

    /// <summary>Routes of one family, optionally only one table (all tables when null).</summary>
    public IReadOnlyList<Route> ListRoutes(IpFamily family, uint? table = null) =>
        _socket.Dump(RtNetlinkMessages.DumpRoutes(family), "list routes", family.ToString())
            .Where(reply => reply.Type == RTM_NEWROUTE)
            .Select(reply => RtNetlinkParsers.ParseRoute(reply.Payload))
            .Where(route => table is null || route.Table == table)
            .ToList();

    // Rules.

    public void AddRule(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _socket.Request(RtNetlinkMessages.Rule(RTM_NEWRULE, RtNetlinkMessages.CreateExclusive, rule), "add rule", Describe(rule));
    }

    public void DeleteRule(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _socket.Request(RtNetlinkMessages.Rule(RTM_DELRULE, RtNetlinkMessages.RequestAck, rule), "delete rule", Describe(rule));
    }

    public IReadOnlyList<RoutingRule> ListRules(IpFamily family) =>
        _socket.Dump(RtNetlinkMessages.DumpRules(family), "list rules", family.ToString())
            .Where(reply => reply.Type == RTM_NEWRULE)
            .Select(reply => RtNetlinkParsers.ParseRule(reply.Payload))
            .ToList();

    // Neighbours.

    public void AddNeighbour(Neighbour neighbour)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        _socket.Request(RtNetlinkMessages.Neighbour(RTM_NEWNEIGH, RtNetlinkMessages.CreateExclusive, neighbour), $"add neighbour on {LinkValue(neighbour.InterfaceIndex)}", neighbour.Address.ToString());
    }

    public void DeleteNeighbour(Neighbour neighbour)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        _socket.Request(RtNetlinkMessages.Neighbour(RTM_DELNEIGH, RtNetlinkMessages.RequestAck, neighbour), $"delete neighbour on {LinkValue(neighbour.InterfaceIndex)}", neighbour.Address.ToString());
    }

    /// <summary>IPv4 (ARP) and IPv6 (NDP) neighbours, optionally only those of one link and/or one family.</summary>
    public IReadOnlyList<Neighbour> ListNeighbours(int? index = null, IpFamily? family = null) =>
        _socket.Dump(RtNetlinkMessages.DumpNeighbours(family), "list neighbours", index is int i ? LinkValue(i) : "all links")
            .Where(reply => reply.Type == RTM_NEWNEIGH && reply.Payload.Length > 0 && reply.Payload[0] is AF_INET or AF_INET6)
            .Select(reply => RtNetlinkParsers.ParseNeighbour(reply.Payload))
            .Where(neighbour => index is null || neighbour.InterfaceIndex == index)
            .ToList();

    // SR-IOV VFs, all set through the PF (sriov-rdma.md 5.5).

    /// <summary>The VFs of the PF <paramref name="pfIndex"/> from its IFLA_VFINFO_LIST.</summary>
    public IReadOnlyList<VirtualFunctionInfo> GetVfs(int pfIndex) => GetLink(pfIndex).Vfs;

    /// <summary>Sets the VF's administrative MAC (RoCE: needed for RDMA CM; takes effect in the RDMA device after a VF driver rebind).</summary>
    public void SetVfMac(int pfIndex, int vf, MacAddress mac)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_MAC, RtNetlinkMessages.VfMac(vf, mac.GetBytes())), $"set MAC {mac} of", VfValue(pfIndex, vf));
    }

    /// <summary>Sets the VF VLAN and QoS; 802.1Q uses IFLA_VF_VLAN, other protocols (802.1ad, 0x88a8) IFLA_VF_VLAN_LIST.</summary>
    public void SetVfVlan(int pfIndex, int vf, int vlan, int qos = 0, ushort protocol = ETH_P_8021Q)
    {
        CheckVf(vf);
        if (vlan is < 0 or > 4095 || qos is < 0 or > 7)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"VLAN {vlan} / QoS {qos} for {VfValue(pfIndex, vf)} is out of range: use VLAN 0-4095 and QoS 0-7.");
        }

        byte[] message = protocol == ETH_P_8021Q
            ? RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_VLAN, new ifla_vf_vlan { vf = (uint)vf, vlan = (uint)vlan, qos = (uint)qos })
            : RtNetlinkMessages.SetVfVlanList(pfIndex, new ifla_vf_vlan_info { vf = (uint)vf, vlan = (uint)vlan, qos = (uint)qos, vlan_proto = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(protocol) });
        _socket.Request(message, $"set VLAN {vlan} (QoS {qos}, protocol 0x{protocol:x4}) of", VfValue(pfIndex, vf));
    }

    public void SetVfSpoofCheck(int pfIndex, int vf, bool enabled)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_SPOOFCHK, new ifla_vf_spoofchk { vf = (uint)vf, setting = enabled ? 1u : 0u }), $"set spoof checking {(enabled ? "on" : "off")} for", VfValue(pfIndex, vf));
    }

    public void SetVfTrust(int pfIndex, int vf, bool trusted)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_TRUST, new ifla_vf_trust { vf = (uint)vf, setting = trusted ? 1u : 0u }), $"set trust {(trusted ? "on" : "off")} for", VfValue(pfIndex, vf));
    }

    public void SetVfLinkState(int pfIndex, int vf, VfLinkState state)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_LINK_STATE, new ifla_vf_link_state { vf = (uint)vf, link_state = (uint)state }), $"set link state {state} for", VfValue(pfIndex, vf));
    }

    /// <summary>Sets the VF's minimum and maximum transmit rates in Mbps (0 = no limit).</summary>
    public void SetVfRate(int pfIndex, int vf, uint minTxRateMbps, uint maxTxRateMbps)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_RATE, new ifla_vf_rate { vf = (uint)vf, min_tx_rate = minTxRateMbps, max_tx_rate = maxTxRateMbps }), $"set rate {minTxRateMbps}-{maxTxRateMbps} Mbps for", VfValue(pfIndex, vf));
    }

    /// <summary>Sets an InfiniBand VF's node GUID. Takes effect after a VF driver rebind.</summary>
    public void SetVfNodeGuid(int pfIndex, int vf, Guid64 guid)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_IB_NODE_GUID, new ifla_vf_guid { vf = (uint)vf, guid = guid.Value }), $"set node GUID {guid} of", VfValue(pfIndex, vf));
    }

    /// <summary>Sets an InfiniBand VF's port GUID. Takes effect after a VF driver rebind.</summary>
    public void SetVfPortGuid(int pfIndex, int vf, Guid64 guid)
    {
        CheckVf(vf);
        _socket.Request(RtNetlinkMessages.SetVf(pfIndex, IFLA_VF_IB_PORT_GUID, new ifla_vf_guid { vf = (uint)vf, guid = guid.Value }), $"set port GUID {guid} of", VfValue(pfIndex, vf));
    }

    internal List<NetlinkReply> SendRaw(byte[] message, string operation, string value) => _socket.Request(message, operation, value);

    private static NetworkLink Single(List<NetlinkReply> replies, string value)
    {
        NetlinkReply? reply = replies.FirstOrDefault(r => r.Type == RTM_NEWLINK);
        return reply is null
            ? throw new NetlinkException("get link", value, Errnos.ENODEV, "the kernel sent no link")
            : RtNetlinkParsers.ParseLink(reply.Payload);
    }

    private static void WithFd(SafeHandle? handle, Action<int?> action)
    {
        if (handle is null)
        {
            action(null);
            return;
        }

        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            action((int)handle.DangerousGetHandle().ToInt64());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static void ValidateLinkName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 15 || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c == '\0'))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"'{name}' is not a valid interface name: use 1-15 characters without '/', ':' or whitespace.");
        }
    }

    private static void ValidateAltName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 || System.Text.Encoding.UTF8.GetByteCount(name) > 127 || name is "." or ".." || name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c == '\0'))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"'{name}' is not a valid alternative interface name: use 1-127 bytes without '/', ':' or whitespace.");
        }
    }

    private static void ValidateRoute(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        foreach (IpAddress? address in new[] { route.Destination?.Address, route.Gateway, route.PreferredSource })
        {
            if (address is IpAddress value && value.Family != route.Family)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"Route {Describe(route)} mixes families: {value} is not IPv{(int)route.Family}; set Family to match its addresses.");
            }
        }
    }

    private static void CheckVf(int vf)
    {
        if (vf < 0)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"VF number {vf} is negative; VFs are numbered from 0.");
        }
    }

    private static string LinkValue(int index) => "link " + index.ToString(CultureInfo.InvariantCulture);

    private static string VfValue(int pfIndex, int vf) => string.Create(CultureInfo.InvariantCulture, $"VF {vf} of PF link {pfIndex}");

    private static string Describe(Route route) =>
        string.Create(CultureInfo.InvariantCulture, $"{(route.Destination is IpCidr destination ? destination.ToString() : "default")}{(route.Gateway is null ? string.Empty : $" via {route.Gateway}")}{(route.OutputInterfaceIndex is int oif ? $" dev {oif}" : string.Empty)} table {route.Table}");

    private static string Describe(RoutingRule rule) =>
        string.Create(CultureInfo.InvariantCulture, $"{(rule.Priority is uint p ? $"priority {p} " : string.Empty)}from {(rule.Source is IpCidr source ? source.ToString() : "all")} to {(rule.Destination is IpCidr destination ? destination.ToString() : "all")} lookup {rule.Table}");
}

using Dragline.Core;
using Dragline.Core.Hardware;
using Dragline.Core.Net;
using Dragline.Linux.Netlink;
using Dragline.Testing;

namespace Dragline.Linux.IntegrationTests.Netlink;

/// <summary>Every rtnetlink operation against the live kernel, inside throwaway namespaces.</summary>
public sealed class RtNetlinkClientTests
{
    [Fact]
    public void ANewNamespaceHasOnlyLoopback()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        NetworkLink lo = Assert.Single(scratch.Client.ListLinks());
        Assert.Equal("lo", lo.Name);
        Assert.Equal(772, lo.HardwareType);
        Assert.Equal(lo, scratch.Client.GetLink("lo") with { Vfs = lo.Vfs });
        Assert.Equal("lo", scratch.Client.GetLink(lo.Index).Name);
        Assert.Empty(scratch.Client.GetVfs(lo.Index));
    }

    [Fact]
    public void CreateVethWithThePeerInAnotherNamespace()
    {
        using ScratchNamespace a = ScratchNamespace.Create();
        using ScratchNamespace b = ScratchNamespace.Create();
        a.Client.CreateVeth("v0", "v1", b.Namespace.Handle, mtu: 1400);

        NetworkLink v0 = a.Client.GetLink("v0");
        NetworkLink v1 = b.Client.GetLink("v1");
        Assert.Equal("veth", v0.Kind);
        Assert.Equal("veth", v1.Kind);
        Assert.Equal(1400, v0.Mtu);
        Assert.Equal(1400, v1.Mtu);
        Assert.Equal(v1.Index, v0.ParentIndex);
        Assert.NotNull(v0.LinkNetnsId);
        Assert.Null(a.Client.FindLink("v1"));
        Assert.Null(b.Client.FindLink("v0"));
        Assert.Equal(HardwareAddress.EthernetLength, v0.HardwareAddress!.Value.Length);
    }

    [Fact]
    public void AltNamesAreAddedReadAndDeleted()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("p0", "p1");
        int index = client.GetLink("p0").Index;
        Assert.Empty(client.GetLink("p0").AltNames);

        client.AddAltName(index, "enp134s0f0np0");
        client.AddAltName(index, "uplink-a");
        Assert.Equal(["enp134s0f0np0", "uplink-a"], client.GetLink("p0").AltNames);
        Assert.Equal("p0", client.GetLink("uplink-a").Name); // the kernel resolves IFLA_IFNAME through altnames too

        var source = new Dragline.Linux.Discovery.NetlinkAltNameSource(client.ListLinks());
        Assert.Equal(["enp134s0f0np0", "uplink-a"], source.GetAltNames("p0"));
        Assert.Empty(source.GetAltNames("p1"));

        DraglineException taken = Assert.Throws<NetlinkException>(() => client.AddAltName(client.GetLink("p1").Index, "uplink-a"));
        Assert.Contains("uplink-a", taken.Message, StringComparison.Ordinal);

        client.DeleteAltName(index, "uplink-a");
        Assert.Equal(["enp134s0f0np0"], client.GetLink("p0").AltNames);
        Assert.Throws<DraglineException>(() => client.AddAltName(index, "bad/name"));
    }

    [Fact]
    public void CreateMacvlanAndBridgeOnAVeth()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("p0", "p1");
        int parent = client.GetLink("p0").Index;

        client.CreateMacvlan("mv0", parent, MacvlanMode.Private);
        NetworkLink macvlan = client.GetLink("mv0");
        Assert.Equal("macvlan", macvlan.Kind);
        Assert.Equal(MacvlanMode.Private, macvlan.MacvlanMode);
        Assert.Equal(parent, macvlan.ParentIndex);

        client.CreateBridge("br0");
        Assert.Equal("bridge", client.GetLink("br0").Kind);

        Assert.Equal(["br0", "lo", "mv0", "p0", "p1"], client.ListLinks().Select(l => l.Name).Order(StringComparer.Ordinal));

        client.DeleteLink(macvlan.Index);
        Assert.Null(client.FindLink("mv0"));
    }

    [Fact]
    public void CreateVlanOnAVeth()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("p0", "p1");
        int parent = client.GetLink("p0").Index;
        try
        {
            client.CreateVlan("p0.42", parent, 42);
        }
        catch (NetlinkException error) when (error.ErrnoName == "EOPNOTSUPP" && error.ExtendedAckMessage == "Unknown device type")
        {
            Assert.Skip(KernelSkip.Lacks("802.1Q (the 8021q module)", "it answers 'Unknown device type' for vlan links"));
        }

        NetworkLink vlan = client.GetLink("p0.42");
        Assert.Equal("vlan", vlan.Kind);
        Assert.Equal((ushort)42, vlan.VlanId);
        Assert.Equal(parent, vlan.ParentIndex);
    }

    [Fact]
    public void SetUpDownMtuMacNameAndMaster()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("s0", "s1");
        client.CreateBridge("br0");
        int index = client.GetLink("s0").Index;
        int bridge = client.GetLink("br0").Index;

        client.SetMtu(index, 1280);
        client.SetMacAddress(index, MacAddress.Parse("02:aa:bb:cc:dd:01"));
        client.SetName(index, "renamed0");
        client.SetLinkUp(index);
        NetworkLink link = client.GetLink(index);
        Assert.Equal("renamed0", link.Name);
        Assert.Equal(1280, link.Mtu);
        Assert.Equal(HardwareAddress.Parse("02:aa:bb:cc:dd:01"), link.HardwareAddress);
        Assert.True(link.IsUp);

        client.SetMaster(index, bridge);
        Assert.Equal(bridge, client.GetLink(index).MasterIndex);
        client.SetNoMaster(index);
        Assert.Null(client.GetLink(index).MasterIndex);

        client.SetLinkDown(index);
        Assert.False(client.GetLink(index).IsUp);
    }

    [Fact]
    public void MoveALinkToAnotherNamespaceByFd()
    {
        using ScratchNamespace a = ScratchNamespace.Create();
        using ScratchNamespace b = ScratchNamespace.Create();
        a.Client.CreateVeth("m0", "m1");
        a.Client.MoveToNamespace(a.Client.GetLink("m1").Index, b.Namespace.Handle);
        Assert.Null(a.Client.FindLink("m1"));
        Assert.Equal("veth", b.Client.GetLink("m1").Kind);
    }

    [Fact]
    public void AddListAndDeleteIpv4AndIpv6Addresses()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("a0", "a1");
        int index = client.GetLink("a0").Index;

        client.AddAddress(index, IpCidr.Parse("10.77.0.5/24"));
        client.AddAddress(new InterfaceAddress { InterfaceIndex = index, Address = IpCidr.Parse("fd00:77::5/64"), Flags = 0x02 /* IFA_F_NODAD */ });
        IReadOnlyList<InterfaceAddress> addresses = client.ListAddresses(index);
        Assert.Contains(addresses, a => a.Address == IpCidr.Parse("10.77.0.5/24") && a.Label == "a0");
        Assert.Contains(addresses, a => a.Address == IpCidr.Parse("fd00:77::5/64"));
        Assert.DoesNotContain(client.ListAddresses(index, IpFamily.V4), a => a.Address.Family == IpFamily.V6);

        NetlinkException duplicate = Assert.Throws<NetlinkException>(() => client.AddAddress(index, IpCidr.Parse("10.77.0.5/24")));
        Assert.Equal(DraglineErrorReason.Conflict, duplicate.Reason);

        client.DeleteAddress(index, IpCidr.Parse("10.77.0.5/24"));
        client.DeleteAddress(index, IpCidr.Parse("fd00:77::5/64"));
        Assert.DoesNotContain(client.ListAddresses(index), a => a.Address == IpCidr.Parse("10.77.0.5/24") || a.Address == IpCidr.Parse("fd00:77::5/64"));
    }

    [Fact]
    public void AddListAndDeleteRoutesInMainAndCustomTables()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("r0", "r1");
        int index = client.GetLink("r0").Index;
        client.SetLinkUp(index);
        client.AddAddress(index, IpCidr.Parse("10.78.0.5/24"));

        var viaGateway = new Route { Family = IpFamily.V4, Destination = IpCidr.Parse("10.99.0.0/16"), Gateway = IpAddress.Parse("10.78.0.1"), OutputInterfaceIndex = index, Priority = 20 };
        var inTable = new Route { Family = IpFamily.V4, Destination = IpCidr.Parse("10.98.0.0/16"), OutputInterfaceIndex = index, Scope = RouteScope.Link, Table = 1000 };
        var defaultV4 = new Route { Family = IpFamily.V4, Gateway = IpAddress.Parse("10.78.0.1"), Table = 100 };
        client.AddRoute(viaGateway);
        client.AddRoute(inTable);
        client.AddRoute(defaultV4);

        Assert.Contains(client.ListRoutes(IpFamily.V4, RouteTables.Main), r => r.Destination == viaGateway.Destination && r.Gateway == viaGateway.Gateway && r.Priority == 20 && r.OutputInterfaceIndex == index);
        Route custom = Assert.Single(client.ListRoutes(IpFamily.V4, 1000));
        Assert.Equal(RouteScope.Link, custom.Scope);
        Assert.Equal(inTable.Destination, custom.Destination);
        Route byDefault = Assert.Single(client.ListRoutes(IpFamily.V4, 100));
        Assert.Null(byDefault.Destination);
        Assert.Equal(index, byDefault.OutputInterfaceIndex);

        client.DeleteRoute(viaGateway);
        client.DeleteRoute(inTable);
        client.DeleteRoute(defaultV4);
        Assert.DoesNotContain(client.ListRoutes(IpFamily.V4), r => r.Destination == viaGateway.Destination);
        Assert.Empty(client.ListRoutes(IpFamily.V4, 1000));
        Assert.Empty(client.ListRoutes(IpFamily.V4, 100));
    }

    [Fact]
    public void Ipv6RouteRoundTripsThroughTheKernel()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("r6", "r7");
        int index = client.GetLink("r6").Index;
        client.SetLinkUp(index);
        var route = new Route { Family = IpFamily.V6, Destination = IpCidr.Parse("fd00:99::/64"), OutputInterfaceIndex = index, Table = 200 };
        client.AddRoute(route);
        Route listed = Assert.Single(client.ListRoutes(IpFamily.V6, 200));
        Assert.Equal(route.Destination, listed.Destination);
        client.DeleteRoute(route);
        Assert.Empty(client.ListRoutes(IpFamily.V6, 200));
    }

    [Fact]
    public void AddListAndDeleteRules()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        var rule = new RoutingRule { Family = IpFamily.V4, Priority = 1000, Table = 100, Source = IpCidr.Parse("10.79.0.0/16") };
        var rule6 = new RoutingRule { Family = IpFamily.V6, Priority = 1001, Table = 70000, Destination = IpCidr.Parse("fd00:79::/48"), IncomingInterface = "lo" };
        client.AddRule(rule);
        client.AddRule(rule6);

        Assert.Contains(client.ListRules(IpFamily.V4), r => r.Priority == 1000 && r.Table == 100 && r.Source == rule.Source);
        Assert.Contains(client.ListRules(IpFamily.V6), r => r.Priority == 1001 && r.Table == 70000 && r.Destination == rule6.Destination && r.IncomingInterface == "lo");

        client.DeleteRule(rule);
        client.DeleteRule(rule6);
        Assert.DoesNotContain(client.ListRules(IpFamily.V4), r => r.Priority == 1000);
        Assert.DoesNotContain(client.ListRules(IpFamily.V6), r => r.Priority == 1001);
    }

    [Fact]
    public void AddListAndDeleteNeighbours()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        client.CreateVeth("n0", "n1");
        int index = client.GetLink("n0").Index;
        client.SetLinkUp(index);
        var neighbour = new Neighbour { InterfaceIndex = index, Address = IpAddress.Parse("10.80.0.9"), LinkLayerAddress = HardwareAddress.Parse("02:00:00:00:80:09") };
        var neighbour6 = new Neighbour { InterfaceIndex = index, Address = IpAddress.Parse("fd00:80::9"), LinkLayerAddress = HardwareAddress.Parse("02:00:00:00:80:0a") };
        client.AddNeighbour(neighbour);
        client.AddNeighbour(neighbour6);

        IReadOnlyList<Neighbour> listed = client.ListNeighbours(index);
        Assert.Contains(neighbour, listed);
        Assert.Contains(neighbour6, listed);
        Assert.DoesNotContain(client.ListNeighbours(index, IpFamily.V4), n => n.Address == neighbour6.Address);

        client.DeleteNeighbour(neighbour);
        client.DeleteNeighbour(neighbour6);
        Assert.DoesNotContain(client.ListNeighbours(index), n => n.Address == neighbour.Address || n.Address == neighbour6.Address);
    }

    [Fact]
    public void TheKernelsExtendedAckMessageSurfaces()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        NetlinkException error = Assert.Throws<NetlinkException>(() =>
            scratch.Client.SendRaw(RtNetlinkMessages.CreateLinkOfKind("x0", "no-such-kind"), "create link", "x0"));
        Assert.Equal("EOPNOTSUPP", error.ErrnoName);
        Assert.Equal("Unknown device type", error.ExtendedAckMessage);
        Assert.Contains("kernel says: Unknown device type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorsNameTheValueAndCarryAReason()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        NetlinkException missing = Assert.Throws<NetlinkException>(() => scratch.Client.GetLink("nosuch0"));
        Assert.Equal(DraglineErrorReason.NotFound, missing.Reason);
        Assert.Contains("nosuch0", missing.Message, StringComparison.Ordinal);

        scratch.Client.CreateVeth("d0", "d1");
        NetlinkException exists = Assert.Throws<NetlinkException>(() => scratch.Client.CreateVeth("d0", "d2"));
        Assert.Equal(DraglineErrorReason.Conflict, exists.Reason);
        Assert.Contains("d0", exists.Message, StringComparison.Ordinal);

        DraglineException badName = Assert.Throws<DraglineException>(() => scratch.Client.CreateBridge("name-that-is-far-too-long"));
        Assert.Equal(DraglineErrorReason.InvalidValue, badName.Reason);
    }

    [Fact]
    public void AClientOpenedInANamespaceWorksFromManyThreads()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        Parallel.For(0, 8, i => scratch.Client.CreateBridge("b" + i));
        Assert.Equal(9, scratch.Client.ListLinks().Count);
    }

    [Fact]
    public void ADumpSpanningManyDatagramsReturnsEveryLinkAndAddress()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        RtNetlinkClient client = scratch.Client;
        for (int i = 0; i < 120; i++)
        {
            client.CreateBridge("big" + i);
        }

        int first = client.GetLink("big0").Index;
        for (int i = 0; i < 200; i++)
        {
            client.AddAddress(first, new IpCidr(IpAddress.Parse("10.200.0.0") + (UInt128)i, 32));
        }

        Assert.Equal(121, client.ListLinks().Count);
        Assert.Equal(200, client.ListAddresses(first, IpFamily.V4).Count);
    }
}


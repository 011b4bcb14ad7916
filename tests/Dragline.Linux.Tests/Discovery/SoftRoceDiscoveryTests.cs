using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>
/// A Soft-RoCE device as the kernel lab shows it (<c>rdma link add rxe0 type rxe netdev veth0</c>):
/// a virtual device with no PCI function behind it, whose netdev comes from the GID attributes or
/// the <c>parent</c> attribute.
/// </summary>
public sealed class SoftRoceDiscoveryTests
{
    private const string Manifest = """
        [sys/devices/virtual/net/veth0]
        type = 1
        address = 9e:1a:22:33:44:55
        mtu = 1500
        operstate = up
        [sys/class/net]
        veth0 -> ../../devices/virtual/net/veth0
        [sys/devices/virtual/infiniband/rxe0]
        node_guid = 9c1a:22ff:fe33:4455
        node_type = 1: CA
        parent = veth0
        [sys/devices/virtual/infiniband/rxe0/ports/1]
        state = 4: ACTIVE
        phys_state = 5: LinkUp
        link_layer = Ethernet
        [sys/devices/virtual/infiniband/rxe0/ports/1/gids]
        0 = fe80:0000:0000:0000:9c1a:22ff:fe33:4455
        [sys/devices/virtual/infiniband/rxe0/ports/1/gid_attrs/ndevs]
        0 = veth0
        [sys/devices/virtual/infiniband/rxe1]
        parent = veth0
        [sys/devices/virtual/infiniband/rxe1/ports/1]
        state = 1: DOWN
        link_layer = Ethernet
        [sys/class/infiniband]
        rxe0 -> ../../devices/virtual/infiniband/rxe0
        rxe1 -> ../../devices/virtual/infiniband/rxe1
        [sys/devices/virtual/infiniband_verbs/uverbs0]
        ibdev = rxe0
        [sys/class/infiniband_verbs]
        uverbs0 -> ../../devices/virtual/infiniband_verbs/uverbs0
        [dev/infiniband]
        uverbs0 =
        """;

    [Fact]
    public void SoftRoceHasNoPciFunctionAndFindsItsNetdev()
    {
        using var tree = new TemporaryTree();
        SysfsTreeManifest.Parse(Manifest).Materialise(tree.Path);
        var discovery = new HostDiscovery(new HostRoot(tree.Path));
        IReadOnlyList<RdmaDevice> devices = discovery.ListRdmaDevices();
        Assert.Equal(["rxe0", "rxe1"], devices.Select(d => d.Name));

        RdmaDevice rxe0 = devices[0];
        Assert.Null(rxe0.PciAddress);
        RdmaPort port = Assert.Single(rxe0.Ports);
        Assert.Equal(RdmaLinkLayer.Ethernet, port.LinkLayer);
        Assert.Equal("veth0", port.NetDevice);
        RdmaCharDevice uverbs = Assert.Single(rxe0.CharDevices);
        Assert.Equal(new RdmaCharDevice("uverbs0", "/dev/infiniband/uverbs0", true), uverbs);

        // Without GID attributes, the parent attribute names the netdev.
        RdmaPort down = Assert.Single(devices[1].Ports);
        Assert.Equal(RdmaPortState.Down, down.State);
        Assert.Equal("veth0", down.NetDevice);
        Assert.Empty(devices[1].CharDevices);
        Assert.Empty(discovery.ListPciDevices());
    }
}

using System.Text.Json;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Sriov.State;

namespace Dragline.Sriov.Tests;

public sealed class SriovNodeStatusBuilderTests
{
    [Fact]
    public void SeedHostReportsBothPortsAsInfiniBandPfsWithoutVfs()
    {
        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(FixtureTrees.Discover(FixtureTrees.SeedHost));

        Assert.Equal(["ibs5f0", "ibs5f1"], status.Interfaces!.Select(i => i.Name));
        SriovInterfaceStatus pf = status.Interfaces![0];
        Assert.Equal("0000:86:00.0", pf.PciAddress);
        Assert.Equal("15b3", pf.Vendor);
        Assert.Equal("1017", pf.DeviceID);
        Assert.Equal("mlx5_core", pf.Driver);
        Assert.Equal(2044, pf.Mtu);
        Assert.Equal("IB", pf.LinkType);
        Assert.Equal(0, pf.NumVfs);
        Assert.Equal(127, pf.TotalVfs);
        Assert.Equal("legacy", pf.ESwitchMode);
        Assert.Equal("up", pf.LinkAdminState);
        Assert.Equal("100000 Mb/s", pf.LinkSpeed);
        Assert.Equal("00:00:10:87:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:65:2e:5c", pf.Mac);
        Assert.Null(pf.Vfs);
        Assert.Equal("down", status.Interfaces![1].LinkAdminState);
        Assert.Equal(4092, status.Interfaces![1].Mtu);
    }

    [Fact]
    public void TwelveVfHostReportsEachVfWithNetdevGuidAndRdmaDevice()
    {
        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(FixtureTrees.Discover(FixtureTrees.SeedHost12Vfs));

        SriovInterfaceStatus pf = status.Interfaces!.Single(i => i.Name == "ibs5f0");
        Assert.Equal(12, pf.NumVfs);
        Assert.Equal(12, pf.Vfs!.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), pf.Vfs.Select(v => v.VfId));
        SriovVirtualFunctionStatus vf0 = pf.Vfs[0];
        Assert.Equal("0000:86:00.2", vf0.PciAddress);
        Assert.Equal("ibs5f0v0", vf0.Name);
        Assert.Equal("mlx5_core", vf0.Driver);
        Assert.Equal("15b3", vf0.Vendor);
        Assert.Equal("1018", vf0.DeviceID);
        Assert.Equal(2044, vf0.Mtu);
        Assert.Equal("0c:42:a1:03:00:65:2f:00", vf0.Guid);
        Assert.Equal("mlx5_2", SriovNodeStatusBuilder.RdmaDeviceOf(vf0));
        Assert.Equal("0000:86:01.5", pf.Vfs[11].PciAddress);
        Assert.Equal("mlx5_13", SriovNodeStatusBuilder.RdmaDeviceOf(pf.Vfs[11]));
        // The VFs are not PFs of their own.
        Assert.DoesNotContain(status.Interfaces!, i => i.Name!.StartsWith("ibs5f0v", StringComparison.Ordinal));
    }

    [Fact]
    public void StatusSerialisesWithUpstreamKeysAndTheRdmaDeviceExtension()
    {
        var state = new SriovNetworkNodeState { Status = SriovNodeStatusBuilder.Build(FixtureTrees.Discover(FixtureTrees.SeedHost12Vfs)) };
        state.Metadata.Name = "node1";

        string json = ManifestWriter.Default.ToJson([state]);

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement pf = doc.RootElement.GetProperty("status").GetProperty("interfaces")[0];
        Assert.Equal(127, pf.GetProperty("totalvfs").GetInt32());
        JsonElement vf = pf.GetProperty("Vfs")[3];
        Assert.Equal(3, vf.GetProperty("vfID").GetInt32());
        Assert.Equal("mlx5_5", vf.GetProperty("rdmaDevice").GetString());
    }

    [Fact]
    public void RoceHostReportsEthernetWithMacAndAltNames()
    {
        var altNames = new FixedAltNames(new() { ["ens1f0np0"] = ["enp59s0f0np0"] });
        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(FixtureTrees.Discover(FixtureTrees.RoceHost, altNames));

        SriovInterfaceStatus pf = status.Interfaces!.Single(i => i.Name == "ens1f0np0");
        Assert.Equal("ETH", pf.LinkType);
        Assert.Equal("b8:3f:d2:4a:10:e0", pf.Mac);
        Assert.Equal(9000, pf.Mtu);
        Assert.Equal("101d", pf.DeviceID);
        Assert.Equal(8, pf.TotalVfs);
        Assert.Equal(["enp59s0f0np0"], pf.AltNames!);
        Assert.Null(status.Interfaces!.Single(i => i.Name == "ens1f1np1").AltNames);
    }
}

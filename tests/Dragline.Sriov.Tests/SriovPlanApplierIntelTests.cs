using Dragline.Api.Model.Sriov;
using Dragline.Sriov.Apply;

namespace Dragline.Sriov.Tests;

/// <summary>Apply on the Intel I350 host (igb PF, igbvf VFs, no RDMA), and on drivers that do not report VF GUIDs.</summary>
public sealed class SriovPlanApplierIntelTests
{
    private const string IgbPolicy = "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata: {name: igb, namespace: kube-system}\n"
        + "spec:\n  nodeSelector: {kubernetes.io/os: linux}\n  resourceName: intel\n  numVfs: 2\n  nicSelector: {pfNames: [eno1]}\n";

    private static ApplyHarness IntelHost()
    {
        var host = new ApplyHarness(FixtureTrees.NoRdmaHost);
        // I350: the first VF is 0x180 routing IDs above its PF, the next 4 further.
        string pf = host.Root.Combine("sys/devices/pci0000:00/0000:00:1c.0/0000:02:00.0");
        File.WriteAllText(Path.Combine(pf, "sriov_offset"), "384\n");
        File.WriteAllText(Path.Combine(pf, "sriov_stride"), "4\n");
        return host;
    }

    [Fact]
    public void VfsWithoutTheirDriverModuleFailAtTheDriverStep()
    {
        using ApplyHarness host = IntelHost();

        SriovApplyResult result = host.PlanAndApply(IgbPolicy);

        SriovApplyFailure failure = Assert.Single(result.Failures);
        Assert.Equal(("eno1 (0000:02:00.0)", "driver"), (failure.Pf, failure.Step));
        Assert.Equal("VF 0 (0000:03:10.0) has no kernel driver after drivers_probe: load the VF driver module of igb", failure.Reason);
        Assert.Equal(["numVfs 0 → 2"], failure.DoneBefore);
        Assert.Equal(2, result.State.Status!.Interfaces!.Single(i => i.Name == "eno1").NumVfs);
    }

    [Fact]
    public void VfsGetIgbvfOnceItIsLoaded()
    {
        using ApplyHarness host = IntelHost();
        Directory.CreateDirectory(host.Root.Combine("sys/bus/pci/drivers/igbvf")); // modprobe igbvf

        SriovApplyResult result = host.PlanAndApply(IgbPolicy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        SriovInterfaceStatus pf = result.State.Status!.Interfaces!.Single(i => i.Name == "eno1");
        Assert.Equal(["0000:03:10.0", "0000:03:10.4"], pf.Vfs!.Select(v => v.PciAddress));
        Assert.All(pf.Vfs!, v => Assert.Equal("igbvf", v.Driver));
        Assert.All(pf.Vfs!, v => Assert.Null(v.Guid));
        Assert.DoesNotContain(result.Actions, a => a.Step is "MAC" or "GUID" or "rebind"); // not RDMA: no admin MAC, no rebind
    }

    [Fact]
    public void GuidsAreReadFromTheRdmaDeviceWhenNetlinkDoesNotReportThem()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        host.Kernel.ReportsVfGuids = false;
        string policy = PolicyText.Policy("ib", "{pfNames: [ibs5f0]}", 3, "ib");

        SriovApplyResult first = host.PlanAndApply(policy);
        int writes = host.Kernel.Writes.Count;
        SriovApplyResult second = host.PlanAndApply(policy);

        Assert.True(first.Succeeded, string.Join("\n", first.Failures));
        Assert.Equal(3, first.Actions.Count(a => a.Step == "GUID"));
        Assert.True(second.Succeeded);
        Assert.Empty(second.Actions);
        Assert.Equal(writes, host.Kernel.Writes.Count);
    }
}

using Dragline.Api.Model.Sriov;
using Dragline.Core.Hardware;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Sriov.Tests;

public sealed class SriovPlanApplierTests
{
    private static readonly string SeedPolicy = PolicyText.Policy("policyibsriov", "{vendor: \"15b3\", deviceID: \"1017\", rootDevices: [\"0000:86:00.0\"]}", 12, "mellanoxibsriov", 99, "  deviceType: netdevice\n  isRdma: true\n");

    private static SriovInterfaceStatus Pf(SriovApplyResult result, string name) => result.State.Status!.Interfaces!.Single(i => i.Name == name);

    [Fact]
    public void SeedPolicyCreatesTwelveVfsWithGuidsAndRdmaDevices()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);

        SriovApplyResult result = host.PlanAndApply(SeedPolicy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal("Succeeded", result.State.Status!.SyncStatus);
        Assert.Null(result.State.Status.LastSyncError);
        SriovInterfaceStatus pf = Pf(result, "ibs5f0");
        Assert.Equal(12, pf.NumVfs);
        Assert.Equal(12, pf.Vfs!.Count);
        for (int i = 0; i < 12; i++)
        {
            SriovVirtualFunctionStatus vf = pf.Vfs[i];
            Assert.Equal(i, vf.VfId);
            Assert.Equal("mlx5_core", vf.Driver);
            Assert.Equal($"ibs5f0v{i}", vf.Name);
            Assert.Equal("1018", vf.DeviceID);
            Assert.NotNull(SriovNodeStatusBuilder.RdmaDeviceOf(vf));
            Assert.Equal(ApplyHarness.TestGuid(i), Guid64.Parse(vf.Guid!)); // the RDMA device shows the GUID after the rebind
        }

        Assert.Equal("0000:86:00.2", pf.Vfs[0].PciAddress);
        Assert.Equal("0000:86:01.5", pf.Vfs[11].PciAddress);
        Assert.Equal(0, Pf(result, "ibs5f1").NumVfs);
        Assert.Equal(["numVfs: 0 → 12"], result.Actions.Where(a => a.Step == "numVfs").Select(a => $"{a.Step}: {a.Detail}"));
        Assert.Equal(12, result.Actions.Count(a => a.Step == "GUID"));
        Assert.Equal(12, result.Actions.Count(a => a.Step == "rebind"));
        Assert.Equal(["sriov_numvfs 0000:86:00.0 12"], host.Kernel.Writes.Where(w => w.StartsWith("sriov_numvfs", StringComparison.Ordinal)));
    }

    [Fact]
    public void SecondApplyOfTheSamePolicyWritesNothing()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        Assert.True(host.PlanAndApply(SeedPolicy).Succeeded);
        int writes = host.Kernel.Writes.Count;
        Assert.True(writes > 12);

        SriovApplyResult second = host.PlanAndApply(SeedPolicy);

        Assert.True(second.Succeeded, string.Join("\n", second.Failures));
        Assert.Empty(second.Actions);
        Assert.Equal(writes, host.Kernel.Writes.Count);
    }

    [Fact]
    public void HostAlreadyConfiguredWritesNothing()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost12Vfs);

        SriovApplyResult result = host.PlanAndApply(SeedPolicy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Empty(host.Kernel.Writes);
        Assert.Equal("0c:42:a1:03:00:65:2f:00", Pf(result, "ibs5f0").Vfs![0].Guid); // equal GUIDs are not rewritten
    }

    [Fact]
    public void ChangingTheCountGoesThroughZero()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost12Vfs);

        SriovApplyResult result = host.PlanAndApply(SeedPolicy.Replace("numVfs: 12", "numVfs: 4", StringComparison.Ordinal));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal(["sriov_numvfs 0000:86:00.0 0", "sriov_numvfs 0000:86:00.0 4"], host.Kernel.Writes.Where(w => w.StartsWith("sriov_numvfs", StringComparison.Ordinal)));
        Assert.Equal(["12 → 0", "0 → 4"], result.Actions.Where(a => a.Step == "numVfs").Select(a => a.Detail));
        SriovInterfaceStatus pf = Pf(result, "ibs5f0");
        Assert.Equal(4, pf.Vfs!.Count);
        Assert.False(Directory.Exists(host.Root.Combine("sys/devices/pci0000:85/0000:85:00.0/0000:86:00.6")), "VF 4's folder must be gone");
        Assert.All(pf.Vfs, vf => Assert.False(Guid64.Parse(vf.Guid!).IsZero));
    }

    [Fact]
    public void FakeKernelRefusesToChangeANonZeroCountDirectly()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost12Vfs);

        var error = Assert.Throws<Dragline.Core.DraglineException>(() => host.Kernel.WriteNumVfs(PciAddress.Parse("0000:86:00.0"), 4));

        Assert.Equal("Writing '4' to /sys/bus/pci/devices/0000:86:00.0/sriov_numvfs failed: Device or resource busy. Run as root on the host whose /sys this is.", error.Message);
        var tooMany = Assert.Throws<Dragline.Core.DraglineException>(() => host.Kernel.WriteNumVfs(PciAddress.Parse("0000:86:00.0"), 128));
        Assert.Contains("Numerical result out of range", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VfsThatNeverAppearFailWithTheStepAndWhatWasDone()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        host.Kernel.CreatesVfs = false;
        host.Options = host.Options with { VfWaitTimeout = TimeSpan.FromMilliseconds(20) };

        SriovApplyResult result = host.PlanAndApply(SeedPolicy);

        Assert.False(result.Succeeded);
        Assert.Equal("Failed", result.State.Status!.SyncStatus);
        SriovApplyFailure failure = Assert.Single(result.Failures);
        Assert.Equal("wait for VFs", failure.Step);
        Assert.Equal(["numVfs 0 → 12"], failure.DoneBefore);
        Assert.StartsWith("ibs5f0 (0000:86:00.0): step wait for VFs failed: only 0 of 12 VFs appeared within 0.02 s", result.State.Status.LastSyncError, StringComparison.Ordinal);
        Assert.EndsWith("(already changed on this PF: numVfs 0 → 12)", result.State.Status.LastSyncError, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternallyManagedPfKeepsItsCountAndGetsGuids()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        host.Kernel.WriteNumVfs(PciAddress.Parse("0000:86:00.0"), 8); // someone else made 8 VFs
        int before = host.Kernel.Writes.Count;
        string policy = PolicyText.Policy("ext", "{pfNames: [ibs5f0]}", 6, "ib", extra: "  externallyManaged: true\n");

        SriovApplyResult result = host.PlanAndApply(policy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.DoesNotContain(host.Kernel.Writes.Skip(before), w => w.StartsWith("sriov_numvfs", StringComparison.Ordinal));
        SriovInterfaceStatus pf = Pf(result, "ibs5f0");
        Assert.Equal(8, pf.NumVfs);
        Assert.All(pf.Vfs!.Take(6), vf => Assert.False(Guid64.Parse(vf.Guid!).IsZero));
        Assert.All(pf.Vfs!.Skip(6), vf => Assert.True(Guid64.Parse(vf.Guid!).IsZero)); // VFs no policy claims are left alone
    }

    [Fact]
    public void ExternallyManagedPfWithTooFewVfsFailsWithoutCreatingAny()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost12Vfs);
        string policy = PolicyText.Policy("ext", "{pfNames: [ibs5f0]}", 12, "ib", extra: "  externallyManaged: true\n");
        SriovNodePlan plan = host.Plan(policy);
        Assert.False(plan.HasErrors);
        host.Kernel.WriteNumVfs(PciAddress.Parse("0000:86:00.0"), 0); // the VFs went away after planning
        int before = host.Kernel.Writes.Count;

        SriovApplyResult result = host.Apply(plan);

        SriovApplyFailure failure = Assert.Single(result.Failures);
        Assert.Equal("numVfs", failure.Step);
        Assert.StartsWith("the PF is externally managed and has 0 VFs, but the policies need 12; Dragline never changes numVfs of an externally managed PF", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(before, host.Kernel.Writes.Count);
        Assert.Contains("ibs5f0 (0000:86:00.0): step numVfs failed: the PF is externally managed", result.State.Status!.LastSyncError, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanWithErrorsIsRefusedWithoutWriting()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);

        SriovApplyResult result = host.PlanAndApply(PolicyText.Policy("big", "{pfNames: [ibs5f0]}", 200, "ib"));

        Assert.Empty(host.Kernel.Writes);
        SriovApplyFailure failure = Assert.Single(result.Failures);
        Assert.Equal("plan", failure.Pf);
        Assert.Contains("the plan has 1 error(s), nothing was changed; the first: error: big: ibs5f0: numVfs(200) in CR big exceed the maximum allowed value(127) interface(ibs5f0)", failure.Reason, StringComparison.Ordinal);
        Assert.Equal("Failed", result.State.Status!.SyncStatus);
    }

    [Fact]
    public void VfioPciVfsAreBoundThroughDriverOverride()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        Directory.CreateDirectory(host.Root.Combine("sys/bus/pci/drivers/vfio-pci"));
        string policy = PolicyText.Policy("dpdk", "{pfNames: [\"ibs5f0#0-1\"]}", 4, "dpdk", extra: "  deviceType: vfio-pci\n");

        SriovApplyResult result = host.PlanAndApply(policy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        SriovInterfaceStatus pf = Pf(result, "ibs5f0");
        Assert.Equal(["vfio-pci", "vfio-pci", "mlx5_core", "mlx5_core"], pf.Vfs!.Select(v => v.Driver));
        Assert.Null(pf.Vfs![0].Name); // no netdev on vfio-pci
        Assert.Equal(
            ["unbind 0000:86:00.2 mlx5_core", "driver_override 0000:86:00.2 vfio-pci", "bind 0000:86:00.2 vfio-pci", "driver_override 0000:86:00.2 (null)"],
            host.Kernel.Writes.Where(w => w.Contains("0000:86:00.2", StringComparison.Ordinal)));
        int writes = host.Kernel.Writes.Count;
        Assert.True(host.PlanAndApply(policy).Succeeded);
        Assert.Equal(writes, host.Kernel.Writes.Count);
    }

    [Fact]
    public void VfioPciWithoutIommuFailsWithUpstreamMessage()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        Directory.CreateDirectory(host.Root.Combine("sys/bus/pci/drivers/vfio-pci"));
        File.Delete(host.Root.Combine("sys/devices/pci0000:85/0000:85:00.0/0000:86:00.0/iommu_group")); // VFs get no group either

        SriovApplyResult result = host.PlanAndApply(PolicyText.Policy("dpdk", "{pfNames: [ibs5f0]}", 2, "dpdk", extra: "  deviceType: vfio-pci\n"));

        SriovApplyFailure failure = Assert.Single(result.Failures);
        Assert.Equal("driver", failure.Step);
        Assert.Equal("cannot bind driver vfio-pci to device 0000:86:00.2, make sure IOMMU is enabled in BIOS.", failure.Reason);
        Assert.Equal(["numVfs 0 → 2"], failure.DoneBefore);
    }

    [Fact]
    public void RoceRdmaVfsGetTheirAdminMacAndMtu()
    {
        using var host = new ApplyHarness(FixtureTrees.RoceHost);
        // ConnectX-6 Dx: VFs of function 0 start two routing IDs above it (the fixture leaves the offset out).
        File.WriteAllText(host.Root.Combine("sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0/sriov_offset"), "2\n");
        File.WriteAllText(host.Root.Combine("sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0/sriov_stride"), "1\n");
        string policy = PolicyText.Policy("roce", "{pfNames: [ens1f0np0]}", 4, "roce", extra: "  isRdma: true\n  mtu: 9000\n");

        SriovApplyResult result = host.PlanAndApply(policy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        SriovInterfaceStatus pf = Pf(result, "ens1f0np0");
        Assert.Equal(4, pf.Vfs!.Count);
        Assert.Equal("0000:3b:00.2", pf.Vfs[0].PciAddress);
        Assert.All(pf.Vfs, vf => Assert.Equal(9000, vf.Mtu));
        Dragline.Linux.Netlink.NetworkLink link = host.Kernel.FindLink("ens1f0np0")!;
        foreach (SriovVirtualFunctionStatus vf in pf.Vfs)
        {
            Assert.Equal(vf.Mac, link.Vfs[(int)vf.VfId].Mac?.ToString()); // admin MAC = the VF's own MAC
        }

        Assert.Equal(4, result.Actions.Count(a => a.Step == "MAC"));
        Assert.Equal(4, result.Actions.Count(a => a.Step == "VF MTU"));
        int writes = host.Kernel.Writes.Count;
        Assert.True(host.PlanAndApply(policy).Succeeded);
        Assert.Equal(writes, host.Kernel.Writes.Count);
    }

    [Fact]
    public void PfIsBroughtUpBeforeTheVfsSoTheirAdminMacSticks()
    {
        using var host = new ApplyHarness(FixtureTrees.RoceHost);
        string pfDir = "sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0";
        File.WriteAllText(host.Root.Combine(pfDir + "/sriov_offset"), "2\n");
        File.WriteAllText(host.Root.Combine(pfDir + "/net/ens1f0np0/flags"), "0x1002\n"); // PF down
        string policy = PolicyText.Policy("roce", "{pfNames: [ens1f0np0]}", 2, "roce", extra: "  isRdma: true\n");

        SriovApplyResult result = host.PlanAndApply(policy);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal("PF up", result.Actions.First(a => a.Step is "PF up" or "MAC").Step);
        Dragline.Linux.Netlink.NetworkLink link = host.Kernel.FindLink("ens1f0np0")!;
        Assert.True(link.IsUp);
        Assert.All(Pf(result, "ens1f0np0").Vfs!, vf => Assert.Equal(vf.Mac, link.Vfs[(int)vf.VfId].Mac?.ToString()));
        int writes = host.Kernel.Writes.Count;
        Assert.True(host.PlanAndApply(policy).Succeeded);
        Assert.Equal(writes, host.Kernel.Writes.Count);
    }

    [Fact]
    public void PfMtuIsRaisedAndPfBroughtUp()
    {
        using var host = new ApplyHarness(FixtureTrees.SeedHost);
        string policy = PolicyText.Policy("p1", "{pfNames: [ibs5f1]}", 2, "ib1", extra: "  mtu: 4092\n");
        SriovNodePlan plan = host.Plan(policy.Replace("mtu: 4092", "mtu: 4000", StringComparison.Ordinal));
        Assert.Equal(4000, plan.FindPf("ibs5f1")!.Mtu);

        SriovApplyResult result = host.Apply(plan);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.DoesNotContain(result.Actions, a => a.Step == "PF MTU"); // 4092 already above 4000: never lowered
        Assert.Equal("up", Pf(result, "ibs5f1").LinkAdminState);
        Assert.Contains(result.Actions, a => a.Step == "PF up" && a.Pf == "ibs5f1");
    }
}

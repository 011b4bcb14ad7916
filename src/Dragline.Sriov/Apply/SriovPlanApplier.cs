using Dragline.Api.Model.Sriov;
using Dragline.Core;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Netlink;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Sriov.Apply;

/// <summary>
/// Makes a host match a <see cref="SriovNodePlan"/>, in the config daemon's order (sriov-rdma.md 1.9): VF count,
/// wait for the VFs, PF MTU, PF link up, then per VF the driver, the InfiniBand GUIDs or the RoCE admin MAC with a
/// rebind so the RDMA device picks them up, and the VF MTU. Every step first reads what is there and
/// writes only what differs, so applying the same plan twice changes nothing the second time. A failing step
/// stops that PF (other PFs go on) and is reported in the returned status with what was already changed.
/// </summary>
public sealed class SriovPlanApplier
{
    private readonly ISriovSysfs _sysfs;
    private readonly ISriovNetlink _netlink;
    private readonly SriovApplyOptions _options;
    private readonly HostDiscovery _discovery;

    public SriovPlanApplier(ISriovSysfs sysfs, ISriovNetlink netlink, SriovApplyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sysfs);
        ArgumentNullException.ThrowIfNull(netlink);
        _sysfs = sysfs;
        _netlink = netlink;
        _options = options ?? new SriovApplyOptions();
        _discovery = new HostDiscovery(sysfs.Root, _options.AltNames);
    }

    /// <summary>Applies the plan; never throws for a failed step (see <see cref="SriovApplyResult.Failures"/>).</summary>
    public SriovApplyResult Apply(SriovNodePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var actions = new List<SriovApplyAction>();
        var failures = new List<SriovApplyFailure>();
        if (plan.HasErrors)
        {
            SriovPlanProblem first = plan.Problems.First(p => p.Severity == SriovPlanSeverity.Error);
            int count = plan.Problems.Count(p => p.Severity == SriovPlanSeverity.Error);
            failures.Add(new SriovApplyFailure("plan", "check", $"the plan has {count} error(s), nothing was changed; the first: {first}", []));
        }
        else
        {
            foreach (SriovPfPlan pf in plan.PhysicalFunctions.Where(p => p.NumVfs > 0))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var run = new PfRun(pf, actions);
                try
                {
                    ApplyPf(run, cancellationToken);
                }
                catch (StepFailedException e)
                {
                    failures.Add(new SriovApplyFailure($"{pf.Name} ({pf.PciAddress})", e.Step, e.Message, run.Done));
                }
                catch (DraglineException e)
                {
                    failures.Add(new SriovApplyFailure($"{pf.Name} ({pf.PciAddress})", run.Step, e.Message, run.Done));
                }
            }
        }

        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(_discovery.Discover());
        status.SyncStatus = failures.Count == 0 ? "Succeeded" : "Failed";
        status.LastSyncError = failures.Count == 0 ? null : string.Join("; ", failures.Select(f => f.ToString()));
        var state = new SriovNetworkNodeState { Spec = plan.Spec, Status = status };
        state.Metadata.Name = plan.NodeName;
        return new SriovApplyResult { State = state, Actions = actions, Failures = failures };
    }

    private void ApplyPf(PfRun run, CancellationToken cancellationToken)
    {
        SriovPfPlan pf = run.Plan;
        run.Step = "check";
        PciDevice device = _discovery.ReadPciDevice(pf.PciAddress)
            ?? throw run.Fail($"no PCI device at /sys/bus/pci/devices/{pf.PciAddress}: the host changed since the plan was made; plan again");
        SriovCapability sriov = device.Sriov
            ?? throw run.Fail($"{pf.PciAddress} has no sriov_totalvfs: it cannot have VFs");
        string linkName = device.NetDevices.Count > 0 ? device.NetDevices[0] : pf.Name;

        run.Step = "numVfs";
        if (pf.ExternallyManaged)
        {
            if (sriov.NumVfs < pf.NumVfs)
            {
                throw run.Fail(
                    $"the PF is externally managed and has {sriov.NumVfs} VFs, but the policies need {pf.NumVfs}; Dragline never changes numVfs of an externally managed PF: "
                    + $"create them yourself (echo {pf.NumVfs} > /sys/bus/pci/devices/{pf.PciAddress}/sriov_numvfs) or lower numVfs in the policy");
            }
        }
        else if (sriov.NumVfs != pf.NumVfs)
        {
            if (pf.NumVfs > sriov.TotalVfs)
            {
                throw run.Fail($"cannot config SRIOV device: NumVfs ({pf.NumVfs}) is larger than TotalVfs ({sriov.TotalVfs})");
            }

            // The kernel refuses to change a non-zero count (EBUSY): go through 0.
            if (sriov.NumVfs != 0)
            {
                _sysfs.WriteNumVfs(pf.PciAddress, 0);
                run.Did("numVfs", $"{sriov.NumVfs} → 0");
            }

            _sysfs.WriteNumVfs(pf.PciAddress, pf.NumVfs);
            run.Did("numVfs", $"0 → {pf.NumVfs}");
        }

        run.Step = "wait for VFs";
        IReadOnlyList<VirtualFunctionLink> vfs = [];
        bool ready = WaitUntil(() => (vfs = _sysfs.ReadVirtualFunctions(pf.PciAddress)).Count >= pf.NumVfs, _options.VfWaitTimeout, cancellationToken);
        if (!ready)
        {
            throw run.Fail(
                $"only {vfs.Count} of {pf.NumVfs} VFs appeared within {_options.VfWaitTimeout.TotalSeconds:0.###} s (virtfnN links whose VF has a physfn link); "
                + "check the kernel log (dmesg) for the PF driver's error, e.g. a firmware NUM_OF_VFS below numVfs");
        }

        run.Step = "PF MTU";
        NetworkLink link = FindLink(run, linkName);
        if (pf.Mtu is int mtu && link.Mtu < mtu)
        {
            _netlink.SetMtu(linkName, mtu);
            run.Did("PF MTU", $"{link.Mtu} → {mtu}");
        }

        // Before the VFs, not last as upstream does: a VF driver learns its MAC from the PF driver, which answers only
        // while the PF is up (igb gives the VF a random MAC otherwise, so an admin MAC set with the PF down never sticks).
        run.Step = "PF up";
        if (!link.IsUp)
        {
            _netlink.SetLinkUp(linkName);
            run.Did("PF up", $"{linkName} set up");
        }

        foreach (VirtualFunctionLink vf in vfs.OrderBy(v => v.Index))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pf.GroupOf(vf.Index) is not { } group)
            {
                continue; // VFs no policy claims are left alone, as upstream does
            }

            ApplyVf(run, link, linkName, vf, group, cancellationToken);
        }

    }

    private void ApplyVf(PfRun run, NetworkLink pfLink, string linkName, VirtualFunctionLink vf, SriovVfGroupPlan group, CancellationToken cancellationToken)
    {
        SriovPfPlan pf = run.Plan;
        run.Step = "driver";
        PciDevice device = ReadVf(run, vf);
        if (group.DeviceType == SriovDeviceTypes.VfioPci)
        {
            BindVfio(run, vf, device);
            return;
        }

        if (device.Driver is null || SriovDeviceTypes.IsUserspaceDriver(device.Driver))
        {
            if (device.Driver is { } userspace)
            {
                _sysfs.Unbind(vf.Address, userspace);
            }

            _sysfs.WriteDriverOverride(vf.Address, null);
            _sysfs.ProbeDrivers(vf.Address);
            device = ReadVf(run, vf);
            if (device.Driver is null || SriovDeviceTypes.IsUserspaceDriver(device.Driver))
            {
                throw run.Fail($"VF {vf.Index} ({vf.Address}) has no kernel driver after drivers_probe: load the VF driver module of {pf.Driver ?? "the PF's driver"}");
            }

            run.Did("driver", $"VF {vf.Index} bound to {device.Driver}");
        }

        VirtualFunctionInfo? info = pfLink.Vfs.FirstOrDefault(v => v.Vf == vf.Index);
        bool rebind = pf.LinkType == SriovLinkTypes.InfiniBand
            ? SetGuids(run, linkName, vf, device, info)
            : group.IsRdma && SetAdminMac(run, linkName, vf, info, cancellationToken);
        if (rebind)
        {
            // New GUIDs and admin MACs reach the VF's RDMA device only through a driver rebind (sriov-rdma.md 5.5).
            run.Step = "rebind";
            device = ReadVf(run, vf);
            if (device.Driver is { } driver)
            {
                _sysfs.Unbind(vf.Address, driver);
            }

            _sysfs.ProbeDrivers(vf.Address);
            run.Did("rebind", $"VF {vf.Index} ({vf.Address})");
        }

        if (group.Mtu is int mtu)
        {
            run.Step = "VF MTU";
            string? netdev = WaitForNetdev(vf, cancellationToken)
                ?? throw run.Fail($"VF {vf.Index} ({vf.Address}) has no netdev within {_options.NetdevWaitTimeout.TotalSeconds:0.###} s, so its MTU cannot be set");
            NetworkLink vfLink = FindLink(run, netdev);
            if (vfLink.Mtu != mtu)
            {
                _netlink.SetMtu(netdev, mtu);
                run.Did("VF MTU", $"{netdev} {vfLink.Mtu} → {mtu}");
            }
        }
    }

    private void BindVfio(PfRun run, VirtualFunctionLink vf, PciDevice device)
    {
        if (device.Driver == SriovDeviceTypes.VfioPci)
        {
            return;
        }

        if (device.IommuGroup is null)
        {
            throw run.Fail($"cannot bind driver vfio-pci to device {vf.Address}, make sure IOMMU is enabled in BIOS.");
        }

        if (device.Driver is { } driver)
        {
            _sysfs.Unbind(vf.Address, driver);
        }

        _sysfs.WriteDriverOverride(vf.Address, SriovDeviceTypes.VfioPci);
        _sysfs.Bind(vf.Address, SriovDeviceTypes.VfioPci);
        _sysfs.WriteDriverOverride(vf.Address, null);
        run.Did("driver", $"VF {vf.Index} bound to vfio-pci");
    }

    /// <summary>
    /// Sets node and port GUID when unset. Compared as numbers: upstream compares text in two spellings and so never
    /// notices an all-zero GUID (network-operator#1825). Returns whether anything was written.
    /// </summary>
    private bool SetGuids(PfRun run, string linkName, VirtualFunctionLink vf, PciDevice device, VirtualFunctionInfo? info)
    {
        run.Step = "GUID";
        Guid64? node = info?.NodeGuid;
        if (node is null && device.RdmaDevices.Count == 1)
        {
            node = _discovery.ReadRdmaDevice(device.RdmaDevices[0])?.NodeGuid; // drivers that do not report VF GUIDs over netlink
        }

        Guid64? port = info?.PortGuid;
        bool nodeUnset = node is not { } n || n.IsZero || n.IsAllOnes;
        bool portUnset = port is { } p && (p.IsZero || p.IsAllOnes);
        if (!nodeUnset && !portUnset)
        {
            return false;
        }

        Guid64 guid = nodeUnset ? _options.NewGuid(vf.Address, vf.Index) : node!.Value;
        if (nodeUnset)
        {
            _netlink.SetVfNodeGuid(linkName, vf.Index, guid);
        }

        _netlink.SetVfPortGuid(linkName, vf.Index, guid);
        run.Did("GUID", $"VF {vf.Index} {(nodeUnset ? "node and port" : "port")} GUID {guid}");
        return true;
    }

    /// <summary>Sets the VF's admin MAC to its netdev's MAC when they differ (RoCE: RDMA CM needs it). Returns whether it wrote.</summary>
    private bool SetAdminMac(PfRun run, string linkName, VirtualFunctionLink vf, VirtualFunctionInfo? info, CancellationToken cancellationToken)
    {
        run.Step = "MAC";
        string netdev = WaitForNetdev(vf, cancellationToken)
            ?? throw run.Fail($"VF {vf.Index} ({vf.Address}) has no netdev within {_options.NetdevWaitTimeout.TotalSeconds:0.###} s, so its admin MAC cannot be set");
        MacAddress mac = _discovery.ReadNetDevice(netdev)?.MacAddress
            ?? throw run.Fail($"VF {vf.Index} netdev {netdev} has no Ethernet address");
        if (info?.Mac is { IsEthernet: true } admin && admin.ToMacAddress() == mac)
        {
            return false;
        }

        _netlink.SetVfMac(linkName, vf.Index, mac);
        run.Did("MAC", $"VF {vf.Index} admin MAC {mac}");
        return true;
    }

    private string? WaitForNetdev(VirtualFunctionLink vf, CancellationToken cancellationToken)
    {
        string? name = null;
        WaitUntil(() => (name = _discovery.ReadPciDevice(vf.Address) is { NetDevices.Count: > 0 } d ? d.NetDevices[0] : null) is not null, _options.NetdevWaitTimeout, cancellationToken);
        return name;
    }

    private PciDevice ReadVf(PfRun run, VirtualFunctionLink vf) =>
        _discovery.ReadPciDevice(vf.Address) ?? throw run.Fail($"VF {vf.Index} ({vf.Address}) disappeared");

    private NetworkLink FindLink(PfRun run, string name) =>
        _netlink.FindLink(name) ?? throw run.Fail($"no link named {name} in this network namespace: run in the host's network namespace (hostNetwork in a pod)");

    private bool WaitUntil(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long start = _options.TimeProvider.GetTimestamp();
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (_options.TimeProvider.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            cancellationToken.WaitHandle.WaitOne(_options.PollInterval);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private sealed class PfRun(SriovPfPlan plan, List<SriovApplyAction> actions)
    {
        public SriovPfPlan Plan { get; } = plan;

        public string Step { get; set; } = "check";

        public List<string> Done { get; } = [];

        public void Did(string step, string detail)
        {
            actions.Add(new SriovApplyAction(Plan.Name, step, detail));
            Done.Add($"{step} {detail}");
        }

        public StepFailedException Fail(string reason) => new(Step, reason);
    }

    private sealed class StepFailedException(string step, string message) : Exception(message)
    {
        public string Step { get; } = step;
    }
}

using System.Globalization;
using Dragline.Core;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Netlink;
using Dragline.Sriov;
using Dragline.Sriov.Apply;

namespace Dragline.Testing.Sriov;

/// <summary>
/// A fake kernel for tests: it acts on a writable copy of a sysfs fixture tree (<see cref="WritableFixtureTree"/>)
/// the way Linux acts on the real files. Writing <c>sriov_numvfs</c> creates the VFs' PCI folders, <c>virtfnN</c>
/// and <c>physfn</c> links, IOMMU groups, and (on driver bind) their netdevs and RDMA devices; a non-zero count
/// cannot be changed without going through 0 (EBUSY), nor exceed <c>sriov_totalvfs</c> (ERANGE). Binds, unbinds,
/// <c>driver_override</c> and <c>drivers_probe</c> behave like the PCI core's; VF MACs and GUIDs set through the
/// PF reach the VF's netdev and RDMA device only at the next bind, as with mlx5. Every mutating call is recorded
/// in <see cref="Writes"/>, so tests can count them. Nothing here touches the running host.
/// </summary>
public sealed class FakeSriovKernel : ISriovSysfs, ISriovNetlink
{
    private const string Unset = "(null)";

    // PF driver → the driver the kernel binds to its VFs.
    private static readonly Dictionary<string, string> VfDriverOf = new(StringComparer.Ordinal)
    {
        ["mlx5_core"] = "mlx5_core",
        ["igb"] = "igbvf",
        ["ixgbe"] = "ixgbevf",
        ["i40e"] = "iavf",
        ["ice"] = "iavf",
    };

    private readonly Dictionary<PciAddress, VfState> _vfs = [];
    private readonly List<string> _writes = [];
    private uint _randomMacs;

    public FakeSriovKernel(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.IsLive)
        {
            throw new ArgumentException("The fake kernel writes into the tree it is given; give it a copy of a fixture tree, never /.", nameof(root));
        }

        Root = root;
        AdoptExistingVfs();
    }

    public HostRoot Root { get; }

    /// <summary>Every mutating call, in order: <c>sriov_numvfs 0000:86:00.0 12</c>, <c>vf node guid ibs5f0 3 ...</c>.</summary>
    public IReadOnlyList<string> Writes => _writes;

    /// <summary>When false, writing <c>sriov_numvfs</c> is accepted but no VF ever appears (a stuck PF driver).</summary>
    public bool CreatesVfs { get; set; } = true;

    /// <summary>When false, netlink does not report VF GUIDs (older drivers); they are still applied at bind.</summary>
    public bool ReportsVfGuids { get; set; } = true;

    // sysfs.

    public void WriteNumVfs(PciAddress pf, int count)
    {
        string value = count.ToString(CultureInfo.InvariantCulture);
        _writes.Add($"sriov_numvfs {pf} {value}");
        string devices = $"sys/bus/pci/devices/{pf}";
        string dir = Root.ResolvePath(devices);
        long total = Root.ReadInteger(dir + "/sriov_totalvfs") ?? throw Errno(value, devices + "/sriov_numvfs", "No such file or directory");
        long current = Root.ReadInteger(dir + "/sriov_numvfs") ?? 0;
        if (count < 0 || count > total)
        {
            throw Errno(value, devices + "/sriov_numvfs", "Numerical result out of range");
        }

        if (count == current)
        {
            return;
        }

        if (current != 0 && count != 0)
        {
            throw Errno(value, devices + "/sriov_numvfs", "Device or resource busy");
        }

        if (count == 0)
        {
            foreach (VfState vf in _vfs.Values.Where(v => v.Pf == pf).OrderByDescending(v => v.Index).ToList())
            {
                RemoveVf(dir, vf);
            }
        }
        else if (CreatesVfs)
        {
            for (int i = 0; i < count; i++)
            {
                CreateVf(pf, dir, i);
            }
        }

        WriteFile(dir + "/sriov_numvfs", value);
    }

    public IReadOnlyList<VirtualFunctionLink> ReadVirtualFunctions(PciAddress pf) => HostSriovSysfs.ReadFinishedVirtualFunctions(Root, pf);

    public void WriteDriverOverride(PciAddress device, string? driver)
    {
        _writes.Add($"driver_override {device} {driver ?? Unset}");
        WriteFile(DeviceDir(device, "driver_override") + "/driver_override", driver ?? Unset);
    }

    public void Unbind(PciAddress device, string driver)
    {
        _writes.Add($"unbind {device} {driver}");
        string dir = DeviceDir(device, $"drivers/{driver}/unbind");
        if (Root.ReadLinkName(dir + "/driver") != driver)
        {
            throw Errno(device.ToString(), $"sys/bus/pci/drivers/{driver}/unbind", "No such device");
        }

        UnbindInternal(device, dir);
    }

    public void Bind(PciAddress device, string driver)
    {
        _writes.Add($"bind {device} {driver}");
        string dir = DeviceDir(device, $"drivers/{driver}/bind");
        string path = $"sys/bus/pci/drivers/{driver}/bind";
        if (!Root.DirectoryExists($"sys/bus/pci/drivers/{driver}"))
        {
            throw Errno(device.ToString(), path, "No such file or directory");
        }

        if (Root.ReadLinkName(dir + "/driver") is not null)
        {
            throw Errno(device.ToString(), path, "Device or resource busy");
        }

        string? overridden = Root.ReadValue(dir + "/driver_override");
        if (overridden is not null and not Unset && overridden != driver)
        {
            throw Errno(device.ToString(), path, "No such device");
        }

        if (driver == SriovDeviceTypes.VfioPci && !Root.Exists(dir + "/iommu_group"))
        {
            throw Errno(device.ToString(), path, "Invalid argument");
        }

        BindInternal(device, dir, driver);
    }

    public void ProbeDrivers(PciAddress device)
    {
        _writes.Add($"drivers_probe {device}");
        string dir = DeviceDir(device, "drivers_probe");
        if (Root.ReadLinkName(dir + "/driver") is not null)
        {
            return; // already bound: the kernel does nothing
        }

        string? overridden = Root.ReadValue(dir + "/driver_override");
        string? driver = overridden is not null and not Unset ? overridden : DefaultDriver(device);
        if (driver is not null && Root.DirectoryExists($"sys/bus/pci/drivers/{driver}")
            && (driver != SriovDeviceTypes.VfioPci || Root.Exists(dir + "/iommu_group")))
        {
            BindInternal(device, dir, driver);
        }
    }

    // rtnetlink.

    public NetworkLink? FindLink(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string dir = "sys/class/net/" + name;
        if (!Root.Exists(dir + "/ifindex"))
        {
            return null;
        }

        ulong flags = Root.ReadHex(dir + "/flags") ?? 0;
        PciAddress? pci = PciAddress.TryParse(Root.ReadLinkName(dir + "/device") is not null ? LastPci(Root.ResolvePath(dir + "/device")) : null, out PciAddress a) ? a : null;
        int addressLength = (int)(Root.ReadInteger(dir + "/addr_len") ?? 6);
        return new NetworkLink
        {
            Index = (int)(Root.ReadInteger(dir + "/ifindex") ?? 0),
            Name = name,
            Flags = (flags & 1) != 0 ? LinkFlags.Up : LinkFlags.None,
            HardwareType = (ushort)(Root.ReadInteger(dir + "/type") ?? 1),
            Mtu = (int)(Root.ReadInteger(dir + "/mtu") ?? 0),
            HardwareAddress = HardwareAddress.TryParse(Root.ReadValue(dir + "/address"), out HardwareAddress hw) ? hw : null,
            VfCount = pci is { } p ? _vfs.Values.Count(v => v.Pf == p) : null,
            Vfs = pci is { } pf
                ? [.. _vfs.Values.Where(v => v.Pf == pf).OrderBy(v => v.Index).Select(v => new VirtualFunctionInfo
                {
                    Vf = v.Index,
                    Mac = v.AdminMac is { } mac && addressLength == 6 ? HardwareAddress.FromMac(mac) : HardwareAddress.FromBytes(new byte[addressLength]),
                    NodeGuid = ReportsVfGuids ? v.NodeGuid : null,
                    PortGuid = ReportsVfGuids ? v.PortGuid : null,
                })]
                : [],
        };
    }

    public void SetVfMac(string pf, int vf, MacAddress mac)
    {
        _writes.Add($"vf mac {pf} {vf} {mac}");
        VfOf(pf, vf).AdminMac = mac;
    }

    public void SetVfNodeGuid(string pf, int vf, Guid64 guid)
    {
        _writes.Add($"vf node guid {pf} {vf} {guid}");
        VfOf(pf, vf).NodeGuid = guid;
    }

    public void SetVfPortGuid(string pf, int vf, Guid64 guid)
    {
        _writes.Add($"vf port guid {pf} {vf} {guid}");
        VfOf(pf, vf).PortGuid = guid;
    }

    public void SetMtu(string link, int mtu)
    {
        _writes.Add($"mtu {link} {mtu}");
        string dir = LinkDir(link);
        WriteFile(dir + "/mtu", mtu.ToString(CultureInfo.InvariantCulture));
        if (_vfs.Values.FirstOrDefault(v => v.NetDevice == link) is { } vf)
        {
            vf.Mtu = mtu;
        }
    }

    public void SetLinkUp(string link)
    {
        _writes.Add($"link up {link}");
        string dir = LinkDir(link);
        ulong flags = Root.ReadHex(dir + "/flags") ?? 0x1002;
        WriteFile(dir + "/flags", "0x" + (flags | 1).ToString("x", CultureInfo.InvariantCulture));
        WriteFile(dir + "/operstate", "up");
    }

    // The simulation.

    private void CreateVf(PciAddress pf, string pfDir, int index)
    {
        int offset = (int)(Root.ReadInteger(pfDir + "/sriov_offset") ?? 1);
        int stride = (int)(Root.ReadInteger(pfDir + "/sriov_stride") ?? 1);
        int routingId = (pf.Bus << 8) + (pf.Device << 3) + pf.Function + offset + (stride * index);
        var address = new PciAddress(pf.Domain, (byte)(routingId >> 8), (byte)((routingId >> 3) & 0x1f), (byte)(routingId & 7));
        string parent = pfDir[..pfDir.LastIndexOf('/')];
        string dir = parent + "/" + address;
        if (Root.Exists("sys/bus/pci/devices/" + address) || Root.Exists(dir))
        {
            throw new InvalidOperationException($"The fixture is inconsistent: VF {index} of {pf} would be {address} (sriov_offset {offset}, sriov_stride {stride}), which already exists; give the PF the offset and stride of the real device.");
        }

        Directory.CreateDirectory(Root.Combine(dir));
        WriteFile(dir + "/vendor", Root.ReadValue(pfDir + "/vendor") ?? "0x0000");
        WriteFile(dir + "/device", "0x" + (Root.ReadValue(pfDir + "/sriov_vf_device") ?? "0000"));
        WriteFile(dir + "/class", Root.ReadValue(pfDir + "/class") ?? "0x020000");
        WriteFile(dir + "/numa_node", Root.ReadValue(pfDir + "/numa_node") ?? "-1");
        WriteFile(dir + "/driver_override", Unset);
        Link(dir + "/physfn", "../" + pf);
        Link(dir + "/subsystem", Relative(dir, "sys/bus/pci"));
        if (Root.Exists(pfDir + "/iommu_group"))
        {
            int group = Root.List("sys/kernel/iommu_groups").Select(g => int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
            string groupDir = $"sys/kernel/iommu_groups/{group}";
            Directory.CreateDirectory(Root.Combine(groupDir + "/devices"));
            Link(groupDir + "/devices/" + address, Relative(groupDir + "/devices", dir));
            Link(dir + "/iommu_group", Relative(dir, groupDir));
        }

        Link(pfDir + "/virtfn" + index.ToString(CultureInfo.InvariantCulture), "../" + address);
        Link("sys/bus/pci/devices/" + address, Relative("sys/bus/pci/devices", dir));

        string? pfNet = FirstOf(Root.List(pfDir + "/net"));
        bool infiniband = pfNet is not null && Root.ReadInteger($"{pfDir}/net/{pfNet}/type") == 32;
        string? pfRdma = FirstOf(Root.List(pfDir + "/infiniband"));
        var state = new VfState
        {
            Pf = pf,
            Index = index,
            Address = address,
            NetDevice = pfNet is null ? null : $"{pfNet}v{index}",
            InfiniBand = infiniband,
            Mtu = infiniband ? (int)(Root.ReadInteger($"{pfDir}/net/{pfNet}/mtu") ?? 2044) : 1500,
            // A stable locally administered MAC per VF address, like a driver's random one but repeatable.
            Mac = new MacAddress(0x02_00_00_00_00_00UL | ((ulong)(address.Domain & 0xff) << 24) | ((ulong)address.Bus << 16) | ((ulong)address.Device << 8) | address.Function),
            RdmaDevice = pfRdma is null ? null : NextRdmaName(pfRdma),
            NodeGuid = infiniband ? new Guid64(0) : null,
            PortGuid = infiniband ? new Guid64(0) : null,
        };
        _vfs[address] = state;
        if ((Root.ReadInteger(pfDir + "/sriov_drivers_autoprobe") ?? 1) == 1 && DefaultDriver(address) is { } driver && Root.DirectoryExists($"sys/bus/pci/drivers/{driver}"))
        {
            BindInternal(address, dir, driver);
        }
    }

    /// <summary>VFs the tree already has (seed-host-12vfs) become VFs this kernel knows, with the GUIDs their RDMA devices show.</summary>
    private void AdoptExistingVfs()
    {
        var discovery = new HostDiscovery(Root);
        foreach (PciDevice pf in discovery.ListPciDevices().Where(d => d.Sriov is { VirtualFunctions.Count: > 0 }))
        {
            bool infiniband = pf.NetDevices.Count > 0 && Root.ReadInteger($"sys/class/net/{pf.NetDevices[0]}/type") == 32;
            foreach (VirtualFunctionLink link in pf.Sriov!.VirtualFunctions)
            {
                PciDevice? vf = discovery.ReadPciDevice(link.Address);
                string? netdev = vf is { NetDevices.Count: > 0 } ? vf.NetDevices[0] : null;
                string? rdma = vf is { RdmaDevices.Count: > 0 } ? vf.RdmaDevices[0] : null;
                Guid64? guid = rdma is null ? null : discovery.ReadRdmaDevice(rdma)?.NodeGuid;
                NetDevice? net = netdev is null ? null : discovery.ReadNetDevice(netdev);
                _vfs[link.Address] = new VfState
                {
                    Pf = pf.Address,
                    Index = link.Index,
                    Address = link.Address,
                    NetDevice = netdev,
                    InfiniBand = infiniband,
                    Mtu = net?.Mtu ?? 1500,
                    Mac = net?.MacAddress ?? default,
                    AdminMac = net?.MacAddress,
                    RdmaDevice = rdma,
                    NodeGuid = infiniband ? guid ?? new Guid64(0) : null,
                    PortGuid = infiniband ? (net?.HardwareAddress is { IsInfiniBand: true } hw ? hw.InfiniBandPortGuid : new Guid64(0)) : null,
                    EffectiveNodeGuid = guid,
                };
            }
        }
    }

    private void RemoveVf(string pfDir, VfState vf)
    {
        string dir = Root.ResolvePath("sys/bus/pci/devices/" + vf.Address);
        UnbindInternal(vf.Address, dir);
        if (Root.ReadLinkName(dir + "/iommu_group") is { } group)
        {
            Directory.Delete(Root.Combine("sys/kernel/iommu_groups/" + group), recursive: true);
        }

        File.Delete(Root.Combine(pfDir + "/virtfn" + vf.Index.ToString(CultureInfo.InvariantCulture)));
        File.Delete(Root.Combine("sys/bus/pci/devices/" + vf.Address));
        Directory.Delete(Root.Combine(dir), recursive: true);
        _vfs.Remove(vf.Address);
    }

    private void BindInternal(PciAddress device, string dir, string driver)
    {
        Link(dir + "/driver", Relative(dir, "sys/bus/pci/drivers/" + driver));
        if (SriovDeviceTypes.IsUserspaceDriver(driver) || !_vfs.TryGetValue(device, out VfState? vf))
        {
            return;
        }

        // What the PF set through netlink takes effect now, at bind.
        vf.EffectiveNodeGuid = vf.NodeGuid;
        if (vf.NetDevice is { } name)
        {
            string net = $"{dir}/net/{name}";
            Directory.CreateDirectory(Root.Combine(net));
            int ifindex = Root.List("sys/class/net").Select(n => (int)(Root.ReadInteger($"sys/class/net/{n}/ifindex") ?? 0)).DefaultIfEmpty(0).Max() + 1;
            WriteFile(net + "/ifindex", ifindex.ToString(CultureInfo.InvariantCulture));
            WriteFile(net + "/type", vf.InfiniBand ? "32" : "1");
            WriteFile(net + "/addr_len", vf.InfiniBand ? "20" : "6");
            WriteFile(net + "/address", vf.InfiniBand ? IpoibAddress(vf.PortGuid ?? new Guid64(0)) : ProbedMac(vf).ToString());
            WriteFile(net + "/mtu", vf.Mtu.ToString(CultureInfo.InvariantCulture));
            WriteFile(net + "/operstate", "down");
            WriteFile(net + "/flags", "0x1002");
            WriteFile(net + "/dev_port", "0");
            Link(net + "/device", "../..");
            Link("sys/class/net/" + name, Relative("sys/class/net", net));
        }

        if (vf.RdmaDevice is { } rdma)
        {
            string ib = $"{dir}/infiniband/{rdma}";
            Directory.CreateDirectory(Root.Combine(ib + "/ports/1"));
            WriteFile(ib + "/node_guid", (vf.EffectiveNodeGuid ?? DerivedGuid(vf)).ToString("g"));
            WriteFile(ib + "/node_type", "1: CA");
            WriteFile(ib + "/ports/1/state", "4: ACTIVE");
            WriteFile(ib + "/ports/1/phys_state", "5: LinkUp");
            WriteFile(ib + "/ports/1/link_layer", vf.InfiniBand ? "InfiniBand" : "Ethernet");
            Link(ib + "/device", "../..");
            Link("sys/class/infiniband/" + rdma, Relative("sys/class/infiniband", ib));
            string uverbs = "uverbs" + rdma[(rdma.LastIndexOf('_') + 1)..];
            string verbs = $"{dir}/infiniband_verbs/{uverbs}";
            Directory.CreateDirectory(Root.Combine(verbs));
            WriteFile(verbs + "/ibdev", rdma);
            Directory.CreateDirectory(Root.Combine("sys/class/infiniband_verbs"));
            Link("sys/class/infiniband_verbs/" + uverbs, Relative("sys/class/infiniband_verbs", verbs));
            Directory.CreateDirectory(Root.Combine("dev/infiniband"));
            WriteFile("dev/infiniband/" + uverbs, "");
        }
    }

    private void UnbindInternal(PciAddress device, string dir)
    {
        if (Root.ReadLink(dir + "/driver") is not null)
        {
            File.Delete(Root.Combine(dir + "/driver"));
        }

        foreach (string name in Root.List(dir + "/net"))
        {
            DeleteLink("sys/class/net/" + name);
        }

        foreach (string name in Root.List(dir + "/infiniband"))
        {
            DeleteLink("sys/class/infiniband/" + name);
        }

        foreach (string name in Root.List(dir + "/infiniband_verbs"))
        {
            DeleteLink("sys/class/infiniband_verbs/" + name);
            File.Delete(Root.Combine("dev/infiniband/" + name));
        }

        foreach (string sub in (string[])["net", "infiniband", "infiniband_verbs"])
        {
            if (Root.DirectoryExists(dir + "/" + sub))
            {
                Directory.Delete(Root.Combine(dir + "/" + sub), recursive: true);
            }
        }

        _ = device;
    }

    /// <summary>
    /// The MAC a VF driver comes up with. It asks the PF driver over the mailbox; the PF answers only while its link is
    /// up (igb: "PF still in reset state. Is the PF interface up?"), with the admin MAC when one is set. Without an
    /// answer the VF driver picks a random MAC, different at every probe.
    /// </summary>
    private MacAddress ProbedMac(VfState vf)
    {
        bool pfUp = Root.List($"sys/bus/pci/devices/{vf.Pf}/net") is { Count: > 0 } names
            && ((Root.ReadHex($"sys/class/net/{names[0]}/flags") ?? 0) & 1) != 0;
        if (!pfUp)
        {
            return new MacAddress(0x06_00_00_00_00_00UL | ++_randomMacs);
        }

        return vf.AdminMac is { IsZero: false } admin ? admin : vf.Mac;
    }

    private string? DefaultDriver(PciAddress device)
    {
        if (!_vfs.TryGetValue(device, out VfState? vf))
        {
            return null;
        }

        string? pfDriver = Root.ReadLinkName($"sys/bus/pci/devices/{vf.Pf}/driver");
        return pfDriver is not null && VfDriverOf.TryGetValue(pfDriver, out string? driver) ? driver : pfDriver;
    }

    private string NextRdmaName(string pfRdma)
    {
        string prefix = pfRdma.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        var used = new HashSet<string>(Root.List("sys/class/infiniband"), StringComparer.Ordinal);
        used.UnionWith(_vfs.Values.Select(v => v.RdmaDevice).OfType<string>());
        for (int n = 0; ; n++)
        {
            string name = prefix + n.ToString(CultureInfo.InvariantCulture);
            if (!used.Contains(name))
            {
                return name;
            }
        }
    }

    private static Guid64 DerivedGuid(VfState vf) => new(0x0200_0000_0000_0000UL | ((ulong)vf.Address.Bus << 16) | ((ulong)vf.Address.Device << 8) | vf.Address.Function);

    // A 20-byte IPoIB address: 4 bytes of QPN and flags, then the 8-byte subnet prefix and the 8-byte port GUID.
    private static string IpoibAddress(Guid64 portGuid) =>
        "00:00:10:87:fe:80:00:00:00:00:00:00:" + portGuid.ToString();

    private VfState VfOf(string pf, int vf)
    {
        PciAddress? pci = PciAddress.TryParse(LastPci(Root.ResolvePath(LinkDir(pf) + "/device")), out PciAddress a) ? a : null;
        return _vfs.Values.FirstOrDefault(v => v.Pf == pci && v.Index == vf)
            ?? throw new DraglineException(DraglineErrorReason.NotFound, $"set VF {vf} of {pf}: no such VF (numvfs is {_vfs.Values.Count(v => v.Pf == pci)})");
    }

    private string LinkDir(string link)
    {
        string dir = "sys/class/net/" + link;
        return Root.Exists(dir + "/ifindex")
            ? dir
            : throw new DraglineException(DraglineErrorReason.NotFound, $"no link named {link}: No such device");
    }

    private string DeviceDir(PciAddress device, string file)
    {
        string link = $"sys/bus/pci/devices/{device}";
        return Root.Exists(link)
            ? Root.ResolvePath(link)
            : throw Errno(device.ToString(), $"sys/bus/pci/{file}", "No such device");
    }

    private static string? FirstOf(IReadOnlyList<string> names) => names.Count > 0 ? names[0] : null;

    private static string? LastPci(string path) => path.Split('/').LastOrDefault(p => PciAddress.TryParse(p, out _));

    private static string Relative(string fromDir, string target) =>
        string.Concat(Enumerable.Repeat("../", fromDir.Split('/', StringSplitOptions.RemoveEmptyEntries).Length)) + target;

    private void WriteFile(string relative, string value) => File.WriteAllText(Root.Combine(relative), value.Length == 0 ? "\n" : value + "\n");

    private void Link(string relative, string target)
    {
        DeleteLink(relative);
        File.CreateSymbolicLink(Root.Combine(relative), target);
    }

    private void DeleteLink(string relative)
    {
        if (Root.ReadLink(relative) is not null)
        {
            File.Delete(Root.Combine(relative));
        }
    }

    // Same text as HostSriovSysfs gives for the real kernel's errno.
    private static DraglineException Errno(string value, string relative, string error) =>
        new(DraglineErrorReason.System, $"Writing '{value}' to {HostRoot.Display(relative)} failed: {error}. Run as root on the host whose /sys this is.");

    private sealed class VfState
    {
        public required PciAddress Pf { get; init; }

        public required int Index { get; init; }

        public required PciAddress Address { get; init; }

        public string? NetDevice { get; init; }

        public bool InfiniBand { get; init; }

        public int Mtu { get; set; }

        public MacAddress Mac { get; init; }

        public MacAddress? AdminMac { get; set; }

        public string? RdmaDevice { get; init; }

        public Guid64? NodeGuid { get; set; }

        public Guid64? PortGuid { get; set; }

        public Guid64? EffectiveNodeGuid { get; set; }
    }
}

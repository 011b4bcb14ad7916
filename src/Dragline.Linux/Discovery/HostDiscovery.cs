using System.Globalization;
using System.Text.RegularExpressions;
using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>
/// Reads PCI, network, RDMA and kernel facts of a host from sysfs and procfs under a
/// <see cref="HostRoot"/>. Reads follow the sources the SR-IOV operator, the SR-IOV device plugin
/// and rdmamap use (see <c>docs/doctor.md</c>); nothing here writes, and a missing or unreadable
/// attribute is reported as absent rather than thrown.
/// </summary>
public sealed partial class HostDiscovery
{
    private static readonly string[] ModprobeFolders =
        ["etc/modprobe.d", "run/modprobe.d", "usr/local/lib/modprobe.d", "usr/lib/modprobe.d", "lib/modprobe.d"];

    private static readonly (string Folder, string Prefix)[] RdmaCharDeviceClasses =
    [
        ("sys/class/infiniband_verbs", "uverbs"),
        ("sys/class/infiniband_mad", "umad"),
        ("sys/class/infiniband_mad", "issm"),
        ("sys/class/infiniband_cm", "ucm"),
    ];

    private readonly INetDeviceAltNameSource? _altNames;

    public HostDiscovery(HostRoot root, INetDeviceAltNameSource? altNames = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        _altNames = altNames;
    }

    public HostRoot Root { get; }

    /// <summary>Reads everything once.</summary>
    public HostInventory Discover() => new()
    {
        Root = Root,
        Kernel = ReadKernel(),
        PciDevices = ListPciDevices(),
        NetDevices = ListNetDevices(),
        RdmaDevices = ListRdmaDevices(),
        HasInfinibandDeviceFolder = Root.DirectoryExists("dev/infiniband"),
        HasRdmaCmDevice = Root.Exists("dev/infiniband/rdma_cm"),
        Memlock = ReadMemlockLimit(),
        PersistedNetnsModes = ReadModprobeOptions("ib_core").Where(o => o.Name == "netns_mode").ToArray(),
    };

    /// <summary>Every PCI function under <c>/sys/bus/pci/devices</c>, ordered by address.</summary>
    public IReadOnlyList<PciDevice> ListPciDevices()
    {
        var devices = new List<PciDevice>();
        foreach (string name in Root.List("sys/bus/pci/devices"))
        {
            if (PciAddress.TryParse(name, out PciAddress address) && ReadPciDevice(address) is { } device)
            {
                devices.Add(device);
            }
        }

        devices.Sort((a, b) => a.Address.CompareTo(b.Address));
        return devices;
    }

    /// <summary>One PCI function, or null when <c>/sys/bus/pci/devices/ADDRESS</c> does not describe one.</summary>
    public PciDevice? ReadPciDevice(PciAddress address)
    {
        string dir = "sys/bus/pci/devices/" + address;
        ulong? vendor = Root.ReadHex(dir + "/vendor");
        ulong? device = Root.ReadHex(dir + "/device");
        if (vendor is null || device is null)
        {
            return null;
        }

        return new PciDevice
        {
            Address = address,
            VendorId = (ushort)vendor.Value,
            DeviceId = (ushort)device.Value,
            ClassCode = (uint)(Root.ReadHex(dir + "/class") ?? 0),
            Driver = Root.ReadLinkName(dir + "/driver"),
            NumaNode = (int)(Root.ReadInteger(dir + "/numa_node") ?? -1),
            LocalCpus = Root.ReadValue(dir + "/local_cpulist"),
            IommuGroup = int.TryParse(Root.ReadLinkName(dir + "/iommu_group"), NumberStyles.None, CultureInfo.InvariantCulture, out int group) ? group : null,
            Sriov = ReadSriov(dir),
            VirtualFunctionOf = ReadVirtualFunctionOrigin(dir, address),
            PciePath = ReadPciePath(dir),
            NetDevices = Root.List(dir + "/net").Order(NaturalNameComparer.Instance).ToArray(),
            RdmaDevices = Root.List(dir + "/infiniband").Order(NaturalNameComparer.Instance).ToArray(),
        };
    }

    /// <summary>Every netdev under <c>/sys/class/net</c>, in natural name order.</summary>
    public IReadOnlyList<NetDevice> ListNetDevices()
    {
        var devices = new List<NetDevice>();
        foreach (string name in Root.List("sys/class/net").Order(NaturalNameComparer.Instance))
        {
            if (ReadNetDevice(name) is { } device)
            {
                devices.Add(device);
            }
        }

        return devices;
    }

    /// <summary>One netdev, or null when <c>/sys/class/net/NAME</c> is not an interface folder.</summary>
    public NetDevice? ReadNetDevice(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string dir = "sys/class/net/" + name;
        if (!Root.DirectoryExists(dir) || !Root.Exists(dir + "/type"))
        {
            return null;
        }

        int type = (int)(Root.ReadInteger(dir + "/type") ?? 0);
        long? speed = Root.ReadInteger(dir + "/speed");
        IReadOnlyList<string> entries = Root.List(dir);
        (int? vlanId, string? vlanParent) = ReadVlan(name);
        return new NetDevice
        {
            Name = name,
            AltNames = _altNames?.GetAltNames(name) ?? [],
            IfIndex = (int)(Root.ReadInteger(dir + "/ifindex") ?? 0),
            HardwareType = type,
            LinkType = type switch
            {
                1 => NetLinkType.Ether,
                32 => NetLinkType.InfiniBand,
                772 => NetLinkType.Loopback,
                _ => NetLinkType.Other,
            },
            HardwareAddress = HardwareAddress.TryParse(Root.ReadValue(dir + "/address"), out HardwareAddress hw) ? hw : null,
            Mtu = (int)(Root.ReadInteger(dir + "/mtu") ?? 0),
            OperState = Root.ReadValue(dir + "/operstate") ?? "unknown",
            SpeedMbps = speed is > 0 ? speed : null,
            DevPort = (int)(Root.ReadInteger(dir + "/dev_port") ?? 0),
            PciAddress = Root.Exists(dir + "/device") ? PciAddressIn(Root.ResolvePath(dir + "/device")) : null,
            Master = Root.ReadLinkName(dir + "/master"),
            BondSlaves = SplitWords(Root.ReadValue(dir + "/bonding/slaves")),
            LowerDevices = entries.Where(e => e.StartsWith("lower_", StringComparison.Ordinal)).Select(e => e["lower_".Length..]).ToArray(),
            UpperDevices = entries.Where(e => e.StartsWith("upper_", StringComparison.Ordinal)).Select(e => e["upper_".Length..]).ToArray(),
            VlanId = vlanId,
            VlanParent = vlanParent,
        };
    }

    /// <summary>Every RDMA device under <c>/sys/class/infiniband</c>, in natural name order.</summary>
    public IReadOnlyList<RdmaDevice> ListRdmaDevices()
    {
        ILookup<string, RdmaCharDevice> charDevices = ReadRdmaCharDevices();
        var devices = new List<RdmaDevice>();
        foreach (string name in Root.List("sys/class/infiniband").Order(NaturalNameComparer.Instance))
        {
            if (ReadRdmaDevice(name, charDevices) is { } device)
            {
                devices.Add(device);
            }
        }

        return devices;
    }

    /// <summary>One RDMA device, or null when <c>/sys/class/infiniband/NAME</c> does not exist.</summary>
    public RdmaDevice? ReadRdmaDevice(string name) => ReadRdmaDevice(name, ReadRdmaCharDevices());

    /// <summary>The kernel release, modules, configuration and OFED.</summary>
    public KernelInfo ReadKernel()
    {
        string? release = Root.ReadValue("proc/sys/kernel/osrelease");
        string? releaseSource = release is null ? null : HostRoot.Display("proc/sys/kernel/osrelease");
        if (release is null && Root.ReadValue("proc/version") is { } version && ProcVersionRelease().Match(version) is { Success: true } m)
        {
            release = m.Groups[1].Value;
            releaseSource = HostRoot.Display("proc/version");
        }

        string? modulesText = Root.ReadText("proc/modules");
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in (modulesText ?? "").Split('\n'))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                loaded.Add(line[..space]);
            }
        }

        var sysfsModules = new HashSet<string>(Root.List("sys/module"), StringComparer.Ordinal);
        return new KernelInfo
        {
            Release = release,
            ReleaseSource = releaseSource,
            Version = ParseVersion(release),
            HasModuleList = modulesText is not null,
            LoadedModules = loaded,
            SysfsModules = sysfsModules,
            Config = ReadKernelConfig(release),
            Ofed = loaded.Contains("mlx_compat") || sysfsModules.Contains("mlx_compat") ? ReadOfed() : null,
            CommandLine = Root.ReadValue("proc/cmdline"),
        };
    }

    /// <summary>The memlock limit of this process from <c>/proc/self/limits</c>, or null when unreadable.</summary>
    public ResourceLimit? ReadMemlockLimit()
    {
        const string Path = "proc/self/limits";
        const string Label = "Max locked memory";
        foreach (string line in (Root.ReadText(Path) ?? "").Split('\n'))
        {
            if (!line.StartsWith(Label, StringComparison.Ordinal))
            {
                continue;
            }

            string[] words = SplitWords(line[Label.Length..]);
            if (words.Length >= 2 && TryParseLimit(words[0], out ulong? soft) && TryParseLimit(words[1], out ulong? hard))
            {
                return new ResourceLimit(soft, hard, HostRoot.Display(Path));
            }
        }

        return null;
    }

    /// <summary>
    /// The <c>options MODULE name=value ...</c> settings for one module in the modprobe.d folders
    /// (<c>*.conf</c> files, as modprobe reads them); <c>-</c> and <c>_</c> in module names are the same.
    /// </summary>
    public IReadOnlyList<ModprobeOption> ReadModprobeOptions(string module)
    {
        ArgumentException.ThrowIfNullOrEmpty(module);
        string wanted = module.Replace('-', '_');
        var options = new List<ModprobeOption>();
        foreach (string folder in ModprobeFolders)
        {
            foreach (string file in Root.List(folder).Where(f => f.EndsWith(".conf", StringComparison.Ordinal)))
            {
                string path = folder + "/" + file;
                string[] lines = (Root.ReadText(path) ?? "").Split('\n');
                for (int i = 0; i < lines.Length; i++)
                {
                    string[] words = SplitWords(lines[i]);
                    if (words.Length < 3 || words[0] != "options" || words[1].Replace('-', '_') != wanted)
                    {
                        continue;
                    }

                    foreach (string word in words.Skip(2).TakeWhile(w => !w.StartsWith('#')))
                    {
                        int eq = word.IndexOf('=', StringComparison.Ordinal);
                        string name = eq < 0 ? word : word[..eq];
                        string value = eq < 0 ? "" : word[(eq + 1)..].Trim('"');
                        options.Add(new ModprobeOption(wanted, name, value, HostRoot.Display(path), i + 1));
                    }
                }
            }
        }

        return options;
    }

    private SriovCapability? ReadSriov(string dir)
    {
        long? total = Root.ReadInteger(dir + "/sriov_totalvfs");
        if (total is null)
        {
            return null;
        }

        var vfs = new List<VirtualFunctionLink>();
        foreach (string entry in Root.List(dir))
        {
            if (entry.StartsWith("virtfn", StringComparison.Ordinal)
                && int.TryParse(entry.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && PciAddress.TryParse(Root.ReadLinkName(dir + "/" + entry), out PciAddress vf))
            {
                vfs.Add(new VirtualFunctionLink(index, vf));
            }
        }

        vfs.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new SriovCapability
        {
            TotalVfs = (int)total.Value,
            NumVfs = (int)(Root.ReadInteger(dir + "/sriov_numvfs") ?? 0),
            VirtualFunctions = vfs,
        };
    }

    private VirtualFunctionOrigin? ReadVirtualFunctionOrigin(string dir, PciAddress address)
    {
        if (!PciAddress.TryParse(Root.ReadLinkName(dir + "/physfn"), out PciAddress pf))
        {
            return null;
        }

        // The VF index is the N of the PF's virtfnN link that points back here (sriov-network-device-plugin GetVFID).
        string pfDir = "sys/bus/pci/devices/" + pf;
        foreach (string entry in Root.List(pfDir))
        {
            if (entry.StartsWith("virtfn", StringComparison.Ordinal)
                && int.TryParse(entry.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && Root.ReadLinkName(pfDir + "/" + entry) == address.ToString())
            {
                return new VirtualFunctionOrigin(pf, index);
            }
        }

        return new VirtualFunctionOrigin(pf, -1);
    }

    private PciePath ReadPciePath(string dir)
    {
        string canonical = Root.ResolvePath(dir);
        string[] parts = canonical.Split('/');
        string hostBridge = "";
        var bridges = new List<PciAddress>();
        if (parts.Length >= 3 && parts[0] == "sys" && parts[1] == "devices" && parts[2].StartsWith("pci", StringComparison.Ordinal))
        {
            hostBridge = parts[2];
            for (int i = 3; i < parts.Length - 1; i++)
            {
                if (PciAddress.TryParse(parts[i], out PciAddress bridge))
                {
                    bridges.Add(bridge);
                }
            }
        }

        return new PciePath { HostBridge = hostBridge, Bridges = bridges, SysfsPath = canonical };
    }

    private RdmaDevice? ReadRdmaDevice(string name, ILookup<string, RdmaCharDevice> charDevices)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string dir = "sys/class/infiniband/" + name;
        if (!Root.DirectoryExists(dir))
        {
            return null;
        }

        PciAddress? pci = Root.Exists(dir + "/device") ? PciAddressIn(Root.ResolvePath(dir + "/device")) : null;
        string? parent = Root.ReadValue(dir + "/parent");
        IReadOnlyList<string> pciNetDevices = Root.Exists(dir + "/device") ? Root.List(dir + "/device/net") : [];
        var ports = new List<RdmaPort>();
        foreach (string entry in Root.List(dir + "/ports"))
        {
            if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                ports.Add(ReadRdmaPort(dir + "/ports/" + entry, number, parent, pciNetDevices));
            }
        }

        ports.Sort((a, b) => a.Number.CompareTo(b.Number));
        return new RdmaDevice
        {
            Name = name,
            NodeGuid = Guid64.TryParse(Root.ReadValue(dir + "/node_guid"), out Guid64 node) ? node : null,
            SystemImageGuid = Guid64.TryParse(Root.ReadValue(dir + "/sys_image_guid"), out Guid64 image) ? image : null,
            NodeType = Root.ReadValue(dir + "/node_type"),
            FirmwareVersion = Root.ReadValue(dir + "/fw_ver"),
            HcaType = Root.ReadValue(dir + "/hca_type"),
            PciAddress = pci,
            Ports = ports,
            CharDevices = charDevices[name].OrderBy(c => c.Name, NaturalNameComparer.Instance).ToArray(),
        };
    }

    private RdmaPort ReadRdmaPort(string dir, int number, string? parent, IReadOnlyList<string> pciNetDevices)
    {
        string? stateText = Root.ReadValue(dir + "/state");
        var gids = new List<RdmaGid>();
        foreach (string entry in Root.List(dir + "/gids"))
        {
            if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && Root.ReadValue(dir + "/gids/" + entry) is { } gid
                && gid.Any(c => c is not ('0' or ':')))
            {
                gids.Add(new RdmaGid(index, gid, Root.ReadValue(dir + "/gid_attrs/types/" + entry)));
            }
        }

        gids.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new RdmaPort
        {
            Number = number,
            StateText = stateText,
            State = ParseLeadingNumber(stateText) is int s && Enum.IsDefined((RdmaPortState)s) ? (RdmaPortState)s : RdmaPortState.Unknown,
            PhysicalStateText = Root.ReadValue(dir + "/phys_state"),
            LinkLayer = Root.ReadValue(dir + "/link_layer") switch
            {
                "InfiniBand" => RdmaLinkLayer.InfiniBand,
                "Ethernet" => RdmaLinkLayer.Ethernet,
                _ => RdmaLinkLayer.Unknown,
            },
            Lid = Root.ReadHex(dir + "/lid") is ulong lid ? (int)lid : null,
            Rate = Root.ReadValue(dir + "/rate"),
            Gids = gids,
            NetDevice = Root.ReadValue(dir + "/gid_attrs/ndevs/0") ?? parent ?? PortNetDevice(number, pciNetDevices),
        };
    }

    // InfiniBand ports have no gid_attrs/ndevs; the PCI function's netdev is the port's, matched by dev_port on multi-port functions.
    private string? PortNetDevice(int port, IReadOnlyList<string> pciNetDevices) => pciNetDevices.Count switch
    {
        0 => null,
        1 => pciNetDevices[0],
        _ => pciNetDevices.FirstOrDefault(n => Root.ReadInteger("sys/class/net/" + n + "/dev_port") == port - 1) ?? pciNetDevices[0],
    };

    private ILookup<string, RdmaCharDevice> ReadRdmaCharDevices()
    {
        var found = new List<(string IbDevice, RdmaCharDevice Device)>();
        foreach ((string folder, string prefix) in RdmaCharDeviceClasses)
        {
            foreach (string entry in Root.List(folder).Where(e => e.StartsWith(prefix, StringComparison.Ordinal)))
            {
                if (Root.ReadValue(folder + "/" + entry + "/ibdev") is { } ibdev)
                {
                    string node = "dev/infiniband/" + entry;
                    found.Add((ibdev, new RdmaCharDevice(entry, HostRoot.Display(node), Root.Exists(node))));
                }
            }
        }

        return found.ToLookup(f => f.IbDevice, f => f.Device, StringComparer.Ordinal);
    }

    private (int? Id, string? Parent) ReadVlan(string name)
    {
        string? text = Root.ReadText("proc/net/vlan/" + name);
        if (text is null)
        {
            return (null, null);
        }

        Match id = VlanIdLine().Match(text);
        Match parent = VlanDeviceLine().Match(text);
        return (id.Success ? int.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture) : null, parent.Success ? parent.Groups[1].Value : null);
    }

    private KernelConfig? ReadKernelConfig(string? release)
    {
        if (Root.ReadGzipText("proc/config.gz") is { } compressed)
        {
            return KernelConfig.Parse(HostRoot.Display("proc/config.gz"), compressed);
        }

        if (release is not null && Root.ReadText("boot/config-" + release) is { } text)
        {
            return KernelConfig.Parse(HostRoot.Display("boot/config-" + release), text);
        }

        return null;
    }

    private OfedInfo ReadOfed()
    {
        foreach (string path in (string[])["sys/module/mlx_compat/version", "sys/module/mlx5_core/version"])
        {
            if (Root.ReadValue(path) is { } text)
            {
                return new OfedInfo(text, ParseVersion(OfedVersionDigits().Match(text).Value), HostRoot.Display(path));
            }
        }

        return new OfedInfo(null, null, HostRoot.Display("sys/module/mlx_compat"));
    }

    private static PciAddress? PciAddressIn(string canonicalPath)
    {
        string[] parts = canonicalPath.Split('/');
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (PciAddress.TryParse(parts[i], out PciAddress address))
            {
                return address;
            }
        }

        return null;
    }

    private static Version? ParseVersion(string? text)
    {
        Match m = text is null ? Match.Empty : LeadingVersion().Match(text);
        return m.Success
            ? new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static int? ParseLeadingNumber(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        return int.TryParse(colon < 0 ? text : text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
    }

    private static bool TryParseLimit(string word, out ulong? bytes)
    {
        bytes = null;
        if (word == "unlimited")
        {
            return true;
        }

        if (ulong.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            bytes = value;
            return true;
        }

        return false;
    }

    private static string[] SplitWords(string? text) =>
        text is null ? [] : text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^Linux version (\S+)")]
    private static partial Regex ProcVersionRelease();

    [GeneratedRegex(@"^(\d+)\.(\d+)")]
    private static partial Regex LeadingVersion();

    [GeneratedRegex(@"\d+\.\d+")]
    private static partial Regex OfedVersionDigits();

    [GeneratedRegex(@"VID:\s*(\d+)")]
    private static partial Regex VlanIdLine();

    [GeneratedRegex(@"(?m)^Device:\s*(\S+)")]
    private static partial Regex VlanDeviceLine();
}

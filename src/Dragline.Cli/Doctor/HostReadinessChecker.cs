using Dragline.Linux;
using Dragline.Linux.Discovery;

namespace Dragline.Cli.Doctor;

/// <summary>
/// The checks of <c>dragline doctor</c>, in the order a person fixes them: kernel, modules, devices
/// and ports, netns mode, SR-IOV, device nodes, memlock, GPUDirect, NIC–GPU affinity. Each check
/// reads only the <see cref="HostInventory"/> (and the netns mode source), so the same host facts
/// always give the same report. Requirements follow Spiderpool's RDMA guide (reference 4.2).
/// </summary>
public sealed class HostReadinessChecker
{
    private static readonly Version MinimumKernel = new(5, 3);
    private static readonly Version MinimumOfed = new(4, 7);
    private static readonly string[] CoreRdmaModules = ["ib_core", "ib_uverbs", "rdma_ucm"];
    private static readonly string[] PeerMemoryModules = ["nvidia_peermem", "nv_peer_mem"];

    private readonly HostInventory _host;
    private readonly RdmaNetnsModeReading? _netns;
    private readonly List<DoctorFinding> _findings = [];

    private HostReadinessChecker(HostInventory host, IRdmaNetnsModeSource netnsModeSource)
    {
        _host = host;
        _netns = netnsModeSource.TryRead();
    }

    private KernelInfo Kernel => _host.Kernel;

    /// <summary>True when the kernel configuration says RDMA was not built at all.</summary>
    private bool KernelLacksRdma => Kernel.Config is { } config && !config.IsEnabled("CONFIG_INFINIBAND") && !Kernel.HasModule("ib_core");

    private bool IbCorePresent => Kernel.HasModule("ib_core") || _host.RdmaDevices.Count > 0;

    public static DoctorReport Check(HostInventory host, IRdmaNetnsModeSource netnsModeSource)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(netnsModeSource);
        var checker = new HostReadinessChecker(host, netnsModeSource);
        checker.CheckKernelVersion();
        checker.CheckKernelRdmaSupport();
        checker.CheckModules();
        checker.CheckRdmaDevices();
        checker.CheckRdmaPorts();
        checker.CheckNetnsMode();
        checker.CheckNetnsModePersisted();
        checker.CheckSriov();
        checker.CheckDeviceNodes();
        checker.CheckMemlock();
        checker.CheckGpuDirect();
        IReadOnlyList<DoctorAffinityRow> affinity = checker.CheckAffinity();
        return checker.Report(affinity);
    }

    private DoctorReport Report(IReadOnlyList<DoctorAffinityRow> affinity)
    {
        var counts = new DoctorCounts(
            _findings.Count(f => f.Status == DoctorStatus.Pass),
            _findings.Count(f => f.Status == DoctorStatus.Warn),
            _findings.Count(f => f.Status == DoctorStatus.Fail),
            _findings.Count(f => f.Status == DoctorStatus.Skip));
        DoctorStatus status = counts.Fail > 0 ? DoctorStatus.Fail : counts.Warn > 0 ? DoctorStatus.Warn : DoctorStatus.Pass;
        string headline = KernelLacksRdma
            ? "This kernel has no RDMA support (CONFIG_INFINIBAND is not set): no RDMA device can exist on this host until it boots a kernel that has it."
            : status switch
            {
                DoctorStatus.Fail => $"Not ready for RDMA pods: {Plural(counts.Fail, "check")} failed; fix them top to bottom.",
                DoctorStatus.Warn => $"Ready for RDMA pods, with {Plural(counts.Warn, "warning")}.",
                _ => "Ready for RDMA pods.",
            };
        return new DoctorReport
        {
            Root = _host.Root.Path,
            Status = status,
            Headline = headline,
            Counts = counts,
            Findings = _findings,
            Affinity = affinity,
        };
    }

    private void Add(string id, string title, DoctorStatus status, string summary, IEnumerable<DoctorEvidence>? evidence = null, IEnumerable<string>? fix = null, string? subject = null) =>
        _findings.Add(new DoctorFinding
        {
            Id = id,
            Title = title,
            Subject = subject,
            Status = status,
            Summary = summary,
            Evidence = evidence?.ToArray() ?? [],
            Fix = status is DoctorStatus.Warn or DoctorStatus.Fail ? fix?.ToArray() ?? [] : [],
        });

    private void CheckKernelVersion()
    {
        const string Id = "kernel-version";
        const string Title = "Kernel 5.3+ or OFED 4.7+";
        if (Kernel.Release is null)
        {
            Add(Id, Title, DoctorStatus.Fail, "Cannot read the kernel release.",
                [new("missing", "/proc/sys/kernel/osrelease and /proc/version")],
                ["# point --root at a folder that holds proc/sys/kernel/osrelease, or run on the host itself"]);
            return;
        }

        var evidence = new List<DoctorEvidence> { new(Kernel.Release, Kernel.ReleaseSource!) };
        if (Kernel.Ofed is { } ofed)
        {
            evidence.Add(new(ofed.VersionText is null ? "MLNX/DOCA OFED (version unknown)" : "MLNX/DOCA OFED " + ofed.VersionText, ofed.Source));
        }

        if (Kernel.Version is { } version && version >= MinimumKernel)
        {
            Add(Id, Title, DoctorStatus.Pass, $"Kernel {Kernel.Release} is 5.3 or newer: RDMA devices can be moved between network namespaces.", evidence);
        }
        else if (Kernel.Ofed?.Version is { } ofedVersion && ofedVersion >= MinimumOfed)
        {
            Add(Id, Title, DoctorStatus.Pass, $"Kernel {Kernel.Release} is older than 5.3, but MLNX/DOCA OFED {Kernel.Ofed.VersionText} (4.7 or newer) provides RDMA netns support.", evidence);
        }
        else
        {
            Add(Id, Title, DoctorStatus.Fail,
                $"Kernel {Kernel.Release} is older than 5.3 and no MLNX/DOCA OFED 4.7+ is loaded: RDMA devices cannot be isolated per pod.",
                evidence,
                ["# boot a 5.3 or newer kernel, e.g. on Debian 12: apt-get install linux-image-amd64", "# or install NVIDIA DOCA-OFED: apt-get install doca-ofed"]);
        }
    }

    private void CheckKernelRdmaSupport()
    {
        const string Id = "kernel-rdma";
        const string Title = "Kernel RDMA support";
        if (Kernel.Config is { } config)
        {
            string? value = config["CONFIG_INFINIBAND"];
            if (config.IsEnabled("CONFIG_INFINIBAND"))
            {
                Add(Id, Title, DoctorStatus.Pass, "The kernel is built with RDMA (InfiniBand/RoCE) support.", [new("CONFIG_INFINIBAND=" + value, config.Source)]);
            }
            else if (Kernel.HasModule("ib_core"))
            {
                Add(Id, Title, DoctorStatus.Pass, "The kernel configuration does not list RDMA, but ib_core is loaded (an out-of-tree driver stack such as OFED).",
                    [new("CONFIG_INFINIBAND is not set", config.Source), new("ib_core loaded", Kernel.HasModuleList ? "/proc/modules" : "/sys/module")]);
            }
            else
            {
                Add(Id, Title, DoctorStatus.Fail, "This kernel was built without RDMA support: there is no ib_core to load and no RDMA device can appear.",
                    [new("CONFIG_INFINIBAND is not set", config.Source)],
                    ["# boot a kernel built with CONFIG_INFINIBAND=m (or y) and your NIC's RDMA driver (CONFIG_MLX5_INFINIBAND for ConnectX);", "# distribution kernels have both, e.g. Debian: apt-get install linux-image-amd64"]);
            }

            return;
        }

        if (Kernel.HasModule("ib_core"))
        {
            Add(Id, Title, DoctorStatus.Pass, "ib_core is loaded, so the kernel has RDMA support.", [new("ib_core loaded", Kernel.HasModuleList ? "/proc/modules" : "/sys/module")]);
        }
        else
        {
            Add(Id, Title, DoctorStatus.Skip, "The kernel configuration is not readable (no /proc/config.gz or /boot/config-RELEASE); the module check below decides.",
                [new("not found", "/proc/config.gz, /boot/config-" + Kernel.Release)]);
        }
    }

    private void CheckModules()
    {
        const string Id = "rdma-modules";
        const string Title = "RDMA modules loaded";
        var required = new List<string>(CoreRdmaModules);
        if (_host.PciDevices.Any(d => d.VendorId == PciDevice.MellanoxVendorId && d.IsNetworkController))
        {
            required.Add("mlx5_ib");
        }

        string source = Kernel.HasModuleList ? "/proc/modules" : "/sys/module (no /proc/modules: the kernel has no loadable module support)";
        string[] missing = required.Where(m => !Kernel.HasModule(m)).ToArray();
        if (missing.Length == 0)
        {
            Add(Id, Title, DoctorStatus.Pass, $"Loaded: {string.Join(", ", required)}.", [new(string.Join(" ", required), source)]);
            return;
        }

        DoctorEvidence[] evidence = [new("not loaded: " + string.Join(" ", missing), source)];
        if (KernelLacksRdma)
        {
            Add(Id, Title, DoctorStatus.Fail, $"{string.Join(", ", missing)} cannot be loaded: the kernel has no RDMA support (see kernel-rdma).", evidence,
                ["# boot a kernel with RDMA support first (see kernel-rdma)"]);
            return;
        }

        Add(Id, Title, DoctorStatus.Fail, $"Not loaded: {string.Join(", ", missing)}.", evidence,
            ["modprobe -a " + string.Join(" ", missing), "apt-get install rdma-core   # loads the RDMA modules at every boot (dnf install rdma-core on RHEL)"]);
    }

    private void CheckRdmaDevices()
    {
        const string Id = "rdma-devices";
        const string Title = "RDMA devices";
        IReadOnlyList<RdmaDevice> devices = _host.RdmaDevices;
        if (devices.Count > 0)
        {
            int vfs = devices.Count(d => d.PciAddress is { } a && _host.FindPci(a)?.IsVirtualFunction == true);
            string split = vfs > 0 ? $" ({devices.Count - vfs} on physical functions, {vfs} on VFs)" : "";
            Add(Id, Title, DoctorStatus.Pass, $"{Plural(devices.Count, "RDMA device")}{split}: {NameList(devices.Select(d => d.Name))}.",
                devices.Select(d => new DoctorEvidence(DescribeRdmaDevice(d), "/sys/class/infiniband/" + d.Name)));
            return;
        }

        DoctorEvidence[] evidence = [new(_host.Root.DirectoryExists("sys/class/infiniband") ? "empty" : "absent", "/sys/class/infiniband")];
        PciDevice[] mellanox = _host.PciDevices.Where(d => d.VendorId == PciDevice.MellanoxVendorId && d.IsNetworkController && !d.IsVirtualFunction).ToArray();
        if (KernelLacksRdma)
        {
            Add(Id, Title, DoctorStatus.Fail, "No RDMA devices: the kernel has no RDMA support (see kernel-rdma).", evidence, ["# boot a kernel with RDMA support first (see kernel-rdma)"]);
        }
        else if (mellanox.Length > 0)
        {
            Add(Id, Title, DoctorStatus.Fail, $"No RDMA devices, although {Plural(mellanox.Length, "NVIDIA/Mellanox NIC")} {(mellanox.Length == 1 ? "is" : "are")} present: the RDMA driver is not bound.",
                evidence.Concat(mellanox.Select(m => new DoctorEvidence($"{m.VendorDevice} driver {m.Driver ?? "none"}", "/sys/bus/pci/devices/" + m.Address))),
                ["modprobe mlx5_ib"]);
        }
        else
        {
            Add(Id, Title, DoctorStatus.Fail, "No RDMA devices and no RDMA-capable NIC was recognised.", evidence,
                ["# install an RDMA NIC (ConnectX) and its driver, or for a test setup create Soft-RoCE on an Ethernet netdev:", "rdma link add rxe0 type rxe netdev <ethernet-netdev>"]);
        }
    }

    private void CheckRdmaPorts()
    {
        const string Id = "rdma-ports";
        const string Title = "RDMA ports ACTIVE";
        (RdmaDevice Device, RdmaPort Port)[] ports = _host.RdmaDevices.SelectMany(d => d.Ports.Select(p => (d, p))).ToArray();
        if (ports.Length == 0)
        {
            Add(Id, Title, DoctorStatus.Skip, "No RDMA ports to check.");
            return;
        }

        var inactive = ports.Where(p => !p.Port.IsActive).ToArray();
        IEnumerable<DoctorEvidence> evidence = ports.Select(p => new DoctorEvidence(
            $"{p.Device.Name}/{p.Port.Number} {p.Port.StateText ?? "?"}, {p.Port.PhysicalStateText ?? "?"}, {p.Port.LinkLayer}{(p.Port.LinkLayer == RdmaLinkLayer.InfiniBand && p.Port.Lid is int lid ? $", LID 0x{lid:x}" : "")}{(p.Port.NetDevice is { } n ? ", netdev " + n : "")}",
            $"/sys/class/infiniband/{p.Device.Name}/ports/{p.Port.Number}/state"));
        if (inactive.Length == 0)
        {
            Add(Id, Title, DoctorStatus.Pass, $"All {Plural(ports.Length, "port")} are ACTIVE.", evidence);
            return;
        }

        var fix = new List<string>();
        foreach ((RdmaDevice device, RdmaPort port) in inactive)
        {
            if (port.State == RdmaPortState.Init && port.LinkLayer == RdmaLinkLayer.InfiniBand)
            {
                fix.Add($"# {device.Name}/{port.Number} is up but not configured: run a subnet manager on the fabric (opensm, or UFM)");
            }
            else
            {
                fix.Add($"# {device.Name}/{port.Number}: check the cable and the switch port{(port.NetDevice is { } n ? $", then: ip link set {n} up" : "")}");
            }
        }

        string list = string.Join(", ", inactive.Select(p => $"{p.Device.Name}/{p.Port.Number} is {StateWord(p.Port)}"));
        DoctorStatus status = inactive.Length == ports.Length ? DoctorStatus.Fail : DoctorStatus.Warn;
        string summary = status == DoctorStatus.Fail ? $"No port is ACTIVE: {list}." : $"{inactive.Length} of {Plural(ports.Length, "port")} not ACTIVE: {list}.";
        Add(Id, Title, status, summary, evidence, fix);
    }

    private void CheckNetnsMode()
    {
        const string Id = "netns-mode";
        const string Title = "RDMA netns mode";
        if (_netns is null)
        {
            if (!IbCorePresent)
            {
                Add(Id, Title, DoctorStatus.Skip, "ib_core is not loaded, so there is no netns mode yet.");
            }
            else
            {
                Add(Id, Title, DoctorStatus.Warn, "Cannot read the netns mode.", [new("unreadable", "/sys/module/ib_core/parameters/netns_mode")], ["rdma system   # shows 'netns shared' or 'netns exclusive'"]);
            }

            return;
        }

        DoctorEvidence[] evidence = [new($"{_netns.RawValue} ({ModeWord(_netns.Mode)})", _netns.Source)];
        if (_netns.Mode == RdmaNetnsMode.Exclusive)
        {
            Add(Id, Title, DoctorStatus.Pass, "exclusive: each RDMA device belongs to one network namespace, so an SR-IOV pod sees only its own VF's device.", evidence);
            return;
        }

        PciDevice[] rdmaVfs = _host.PciDevices.Where(d => d.IsVirtualFunction && d.RdmaDevices.Count > 0).ToArray();
        if (rdmaVfs.Length > 0)
        {
            Add(Id, Title, DoctorStatus.Warn,
                $"shared, but {Plural(rdmaVfs.Length, "VF")} with RDMA devices exist: every pod sees every RDMA device, so SR-IOV pods are not isolated (rdmaIsolation needs exclusive).",
                evidence, ExclusiveModeFix);
            return;
        }

        Add(Id, Title, DoctorStatus.Pass,
            "shared: every namespace sees every RDMA device, which is what macvlan/ipvlan pods sharing an RDMA NIC need. SR-IOV pods with RDMA isolation need exclusive: rdma system set netns exclusive.",
            evidence);
    }

    private static readonly string[] ExclusiveModeFix =
    [
        "rdma system set netns exclusive   # fails with 'Device or resource busy' while other network namespaces exist: persist and reboot instead",
        "echo \"options ib_core netns_mode=0\" >> /etc/modprobe.d/ib_core.conf",
        "update-initramfs -u   # when ib_core is loaded from the initramfs (dracut -f on RHEL)",
    ];

    private void CheckNetnsModePersisted()
    {
        const string Id = "netns-mode-persisted";
        const string Title = "netns mode persisted";
        if (_netns is null)
        {
            Add(Id, Title, DoctorStatus.Skip, "The live netns mode is unknown, so there is nothing to compare.");
            return;
        }

        // modprobe applies configuration options first and the kernel command line's ib_core.* after, so the command line wins.
        var settings = _host.PersistedNetnsModes.Select(o => (o.Value, Source: o.Location)).ToList();
        string? commandLineValue = (Kernel.CommandLine ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.StartsWith("ib_core.netns_mode=", StringComparison.Ordinal))
            .Select(w => w["ib_core.netns_mode=".Length..])
            .LastOrDefault();
        if (commandLineValue is not null)
        {
            settings.Add((commandLineValue, "/proc/cmdline"));
        }

        DoctorEvidence[] evidence = settings.Count == 0
            ? [new("no 'options ib_core netns_mode=' line", "/etc/modprobe.d/*.conf"), new("no ib_core.netns_mode=", "/proc/cmdline")]
            : [.. settings.Select(s => new DoctorEvidence("netns_mode=" + s.Value, s.Source))];
        if (settings.Count == 0)
        {
            if (_netns.Mode == RdmaNetnsMode.Shared)
            {
                Add(Id, Title, DoctorStatus.Pass, "Nothing persisted; the live mode, shared, is the kernel default and survives a reboot.", evidence);
            }
            else
            {
                Add(Id, Title, DoctorStatus.Warn, "exclusive now, but not persisted: the next boot returns to shared.", evidence,
                    ["echo \"options ib_core netns_mode=0\" >> /etc/modprobe.d/ib_core.conf", "update-initramfs -u   # when ib_core is loaded from the initramfs (dracut -f on RHEL)"]);
            }

            return;
        }

        (string value, string source) = settings[^1];
        RdmaNetnsMode? persisted = SysfsRdmaNetnsModeSource.ParseParameter(value);
        if (persisted is null)
        {
            Add(Id, Title, DoctorStatus.Warn, $"netns_mode={value} in {source} is not 0 (exclusive) or 1 (shared).", evidence,
                [$"# edit {source.Split(':')[0]}: options ib_core netns_mode=0 (exclusive) or 1 (shared)"]);
        }
        else if (persisted == _netns.Mode)
        {
            Add(Id, Title, DoctorStatus.Pass, $"{ModeWord(persisted.Value)}, persisted in {source}; it survives a reboot.", evidence);
        }
        else
        {
            int wanted = _netns.Mode == RdmaNetnsMode.Exclusive ? 0 : 1;
            Add(Id, Title, DoctorStatus.Warn,
                $"The live mode is {ModeWord(_netns.Mode)} but {source} sets {ModeWord(persisted.Value)}: the next boot changes the mode.", evidence,
                [$"# keep {ModeWord(_netns.Mode)}: set netns_mode={wanted} in {source.Split(':')[0]}, or reboot to get {ModeWord(persisted.Value)}"]);
        }
    }

    private void CheckSriov()
    {
        const string Id = "sriov";
        const string Title = "SR-IOV";
        PciDevice[] pfs = _host.SriovNics.Where(d => !d.IsVirtualFunction).ToArray();
        if (pfs.Length == 0)
        {
            var evidence = new List<DoctorEvidence> { new("no network controller with sriov_totalvfs", "/sys/bus/pci/devices/*/sriov_totalvfs") };
            if (Kernel.Config is { } config && !config.IsEnabled("CONFIG_PCI_IOV"))
            {
                evidence.Add(new("CONFIG_PCI_IOV is not set", config.Source));
            }

            DoctorStatus status = _netns?.Mode == RdmaNetnsMode.Exclusive ? DoctorStatus.Warn : DoctorStatus.Skip;
            Add(Id, Title, status, status == DoctorStatus.Warn
                    ? "No SR-IOV capable NIC, but the netns mode is exclusive: without VFs, a pod can only take a whole NIC."
                    : "No SR-IOV capable NIC; SR-IOV pods (exclusive mode) need one.",
                evidence, ["# enable SR-IOV in the BIOS and in the NIC firmware (ConnectX: mlxconfig -d <pci> set SRIOV_EN=1 NUM_OF_VFS=<n>), then reboot"]);
            return;
        }

        foreach (PciDevice pf in pfs)
        {
            SriovCapability sriov = pf.Sriov!;
            string subject = pf.Address + (pf.NetDevices.Count > 0 ? " " + pf.NetDevices[0] : "") + $" ({PciDeviceNames.Describe(pf)})";
            string dir = "/sys/bus/pci/devices/" + pf.Address;
            var evidence = new List<DoctorEvidence>
            {
                new($"sriov_totalvfs {sriov.TotalVfs}", dir + "/sriov_totalvfs"),
                new($"sriov_numvfs {sriov.NumVfs}", dir + "/sriov_numvfs"),
            };
            bool pfHasRdma = pf.RdmaDevices.Count > 0;
            if (sriov.NumVfs == 0)
            {
                bool wantVfs = pfHasRdma && _netns?.Mode == RdmaNetnsMode.Exclusive;
                Add(Id, Title, wantVfs ? DoctorStatus.Warn : DoctorStatus.Pass,
                    wantVfs
                        ? $"No VFs yet ({sriov.TotalVfs} possible) and the netns mode is exclusive: SR-IOV pods need VFs."
                        : $"SR-IOV capable: 0 of {sriov.TotalVfs} VFs created.",
                    evidence,
                    [$"echo <count> > {dir}/sriov_numvfs   # or apply a SriovNetworkNodePolicy with numVfs and isRdma: true"],
                    subject);
                continue;
            }

            var vfRows = sriov.VirtualFunctions.Select(v => (Link: v, Device: _host.FindPci(v.Address))).ToArray();
            foreach ((VirtualFunctionLink link, PciDevice? vf) in vfRows)
            {
                string rdma = vf?.RdmaDevices.Count > 0 ? string.Join(",", vf.RdmaDevices) : "no RDMA device";
                string net = vf?.NetDevices.Count > 0 ? string.Join(",", vf.NetDevices) : "no netdev";
                evidence.Add(new($"VF {link.Index} {link.Address} {vf?.Driver ?? "no driver"} {net} {rdma}", $"{dir}/virtfn{link.Index}"));
            }

            var withoutRdma = vfRows.Where(r => r.Device is null || r.Device.RdmaDevices.Count == 0).ToArray();
            if (pfHasRdma && withoutRdma.Length > 0)
            {
                var fix = new List<string> { "modprobe mlx5_ib" };
                fix.AddRange(withoutRdma.Where(r => r.Device?.Driver is null)
                    .Select(r => $"echo {r.Link.Address} > /sys/bus/pci/drivers/{pf.Driver ?? "<driver>"}/bind   # VF {r.Link.Index} has no driver"));
                Add(Id, Title, DoctorStatus.Warn,
                    $"{sriov.NumVfs} of {sriov.TotalVfs} VFs, but {Plural(withoutRdma.Length, "VF")} {(withoutRdma.Length == 1 ? "has" : "have")} no RDMA device: VF {string.Join(", ", withoutRdma.Select(r => r.Link.Index))}.",
                    evidence, fix, subject);
            }
            else
            {
                string rdmaNote = pfHasRdma
                    ? ", each with an RDMA device: " + NameList(vfRows.SelectMany(r => r.Device!.RdmaDevices))
                    : "";
                Add(Id, Title, DoctorStatus.Pass, $"{sriov.NumVfs} of {sriov.TotalVfs} VFs{rdmaNote}.", evidence, subject: subject);
            }
        }
    }

    private void CheckDeviceNodes()
    {
        const string Id = "dev-infiniband";
        const string Title = "/dev/infiniband";
        if (!_host.HasInfinibandDeviceFolder)
        {
            string[] fix = KernelLacksRdma ? ["# boot a kernel with RDMA support first (see kernel-rdma)"] : ["modprobe -a ib_uverbs rdma_ucm ib_umad"];
            Add(Id, Title, DoctorStatus.Fail, "/dev/infiniband does not exist: pods have no RDMA device nodes to open.", [new("absent", "/dev/infiniband")], fix);
            return;
        }

        var evidence = new List<DoctorEvidence>();
        var missing = new List<string>();
        foreach (RdmaDevice device in _host.RdmaDevices)
        {
            RdmaCharDevice[] uverbs = device.CharDevices.Where(c => c.Name.StartsWith("uverbs", StringComparison.Ordinal)).ToArray();
            if (uverbs.Length == 0 || uverbs.Any(u => !u.Exists))
            {
                missing.Add($"{device.Name} uverbs");
            }

            evidence.Add(new($"{device.Name}: {string.Join(" ", device.CharDevices.Select(c => c.Name + (c.Exists ? "" : " (no node)")))}", "/sys/class/infiniband_verbs, /sys/class/infiniband_mad"));
        }

        evidence.Add(new(_host.HasRdmaCmDevice ? "present" : "absent", "/dev/infiniband/rdma_cm"));
        if (!_host.HasRdmaCmDevice)
        {
            missing.Add("rdma_cm");
        }

        if (missing.Count > 0)
        {
            Add(Id, Title, DoctorStatus.Fail, $"Missing device nodes: {string.Join(", ", missing)}.", evidence, ["modprobe -a ib_uverbs rdma_ucm"]);
            return;
        }

        string[] noUmad = _host.RdmaDevices.Where(d => !d.CharDevices.Any(c => c.Name.StartsWith("umad", StringComparison.Ordinal) && c.Exists)).Select(d => d.Name).ToArray();
        if (noUmad.Length > 0)
        {
            Add(Id, Title, DoctorStatus.Warn, $"No umad node for {NameList(noUmad)}: the RDMA shared device plugin rejects devices without rdma_cm, umad and uverbs.", evidence, ["modprobe ib_umad"]);
            return;
        }

        Add(Id, Title, DoctorStatus.Pass, _host.RdmaDevices.Count == 0
            ? "/dev/infiniband exists (no RDMA devices yet)."
            : $"uverbs and umad for every RDMA device, and rdma_cm.", evidence);
    }

    private void CheckMemlock()
    {
        const string Id = "memlock";
        const string Title = "Locked memory (IPC_LOCK)";
        if (_host.Memlock is not { } limit)
        {
            Add(Id, Title, DoctorStatus.Warn, "Cannot read the locked-memory limit.", [new("unreadable", "/proc/self/limits")], ["ulimit -l   # prints the limit in KiB"]);
            return;
        }

        DoctorEvidence[] evidence = [new($"soft {limit.SoftText}, hard {limit.HardText}", limit.Source)];
        if (limit.IsUnlimited)
        {
            Add(Id, Title, DoctorStatus.Pass, "Unlimited: RDMA can register (pin) buffers of any size. Pods still need the IPC_LOCK capability.", evidence);
            return;
        }

        Add(Id, Title, DoctorStatus.Warn,
            $"Max locked memory is {limit.SoftText}: RDMA pins every registered buffer, so larger registrations fail. Containers inherit the runtime's limit.",
            evidence,
            [
                "systemctl edit containerd   # add: [Service] LimitMEMLOCK=infinity; then systemctl restart containerd",
                "ulimit -l unlimited   # for RDMA tools run from this shell",
                "# RDMA pods: securityContext.capabilities.add: [\"IPC_LOCK\"]",
            ]);
    }

    private void CheckGpuDirect()
    {
        const string Id = "gpudirect";
        const string Title = "GPUDirect RDMA";
        PciDevice[] gpus = [.. _host.Gpus];
        if (gpus.Length == 0)
        {
            Add(Id, Title, DoctorStatus.Skip, "No NVIDIA GPU.");
            return;
        }

        string? module = PeerMemoryModules.FirstOrDefault(Kernel.HasModule);
        string source = Kernel.HasModuleList ? "/proc/modules" : "/sys/module";
        if (module is not null)
        {
            Add(Id, Title, DoctorStatus.Pass, $"{Plural(gpus.Length, "NVIDIA GPU")}, {module} loaded: NICs can read and write GPU memory directly.", [new(module + " loaded", source)]);
            return;
        }

        Add(Id, Title, DoctorStatus.Warn, $"{Plural(gpus.Length, "NVIDIA GPU")}, but nvidia_peermem is not loaded: GPUDirect RDMA is off and GPU traffic is staged through host memory.",
            [new("nvidia_peermem not loaded", source)],
            ["modprobe nvidia_peermem", "echo nvidia_peermem > /etc/modules-load.d/nvidia-peermem.conf   # at every boot"]);
    }

    private DoctorAffinityRow[] CheckAffinity()
    {
        const string Id = "gpu-nic-affinity";
        const string Title = "NIC–GPU affinity";
        IReadOnlyList<GpuNicAffinity> rows = _host.GpuNicAffinities();
        if (rows.Count == 0)
        {
            Add(Id, Title, DoctorStatus.Skip, _host.Gpus.Any() ? "No RDMA NIC to pair with the GPUs." : "No NVIDIA GPU.");
            return [];
        }

        DoctorAffinityRow[] table = rows.Select(r => new DoctorAffinityRow
        {
            Gpu = r.Gpu.Address.ToString(),
            GpuNumaNode = r.Gpu.NumaNode,
            Relation = RelationId(r.Relation),
            Topology = PcieTopology.NvidiaSmiName(r.Relation),
            Nics = r.NearestNics.Select(n => new DoctorAffinityNic(n.Address.ToString(), n.NetDevice, n.RdmaDevice, n.NumaNode)).ToArray(),
        }).ToArray();
        IEnumerable<DoctorEvidence> evidence = table.Select(r => new DoctorEvidence(
            $"GPU {r.Gpu} → {string.Join(", ", r.Nics.Select(n => $"{n.RdmaDevice ?? n.Address} ({n.NetDevice ?? "no netdev"})"))} {r.Topology}",
            "/sys/bus/pci/devices/" + r.Gpu));
        GpuNicAffinity[] far = rows.Where(r => r.Relation > PcieRelation.AcrossSwitches).ToArray();
        if (far.Length == 0)
        {
            Add(Id, Title, DoctorStatus.Pass, $"Each of the {Plural(rows.Count, "GPU")} has an RDMA NIC behind the same PCIe switch (PIX/PXB).", evidence);
            return table;
        }

        Add(Id, Title, DoctorStatus.Warn,
            $"{Plural(far.Length, "GPU")} {(far.Length == 1 ? "has" : "have")} no RDMA NIC behind the same PCIe switch: {string.Join(", ", far.Select(f => $"{f.Gpu.Address} (nearest {PcieTopology.NvidiaSmiName(f.Relation)})"))}; GPUDirect traffic crosses the CPU.",
            evidence,
            ["# give each GPU pod the NIC nearest its GPU (one resource per GPU-affine NIC); compare with: nvidia-smi topo -m"]);
        return table;
    }

    private string DescribeRdmaDevice(RdmaDevice device)
    {
        var parts = new List<string> { device.Name + ":" };
        if (device.PciAddress is { } pci)
        {
            PciDevice? fn = _host.FindPci(pci);
            parts.Add(pci + (fn?.VirtualFunctionOf is { } vf ? $" (VF {vf.Index} of {vf.PhysicalFunction})" : ""));
        }

        if (device.Ports.Count > 0)
        {
            RdmaPort port = device.Ports[0];
            if (port.NetDevice is { } netdev)
            {
                parts.Add("netdev " + netdev);
            }

            parts.Add(port.LinkLayer.ToString());
        }

        if (device.NodeGuid is { } guid)
        {
            parts.Add("node GUID " + guid.ToString("g"));
        }

        return string.Join(" ", parts);
    }

    private static string RelationId(PcieRelation relation) => relation switch
    {
        PcieRelation.SameSwitch => "same-switch",
        PcieRelation.AcrossSwitches => "across-switches",
        PcieRelation.SameHostBridge => "same-host-bridge",
        PcieRelation.SameNumaNode => "same-numa-node",
        _ => "cross-numa",
    };

    private static string StateWord(RdmaPort port) =>
        (port.StateText is { } s && s.IndexOf(':', StringComparison.Ordinal) is int c and >= 0 ? s[(c + 1)..].Trim() : port.State.ToString().ToUpperInvariant())
        + (port.PhysicalStateText is { } p && p.IndexOf(':', StringComparison.Ordinal) is int d and >= 0 ? $" ({p[(d + 1)..].Trim()})" : "");

    private static string ModeWord(RdmaNetnsMode mode) => mode == RdmaNetnsMode.Exclusive ? "exclusive" : "shared";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    // Long device lists read better as first … last: mlx5_2 … mlx5_13.
    private static string NameList(IEnumerable<string> names)
    {
        string[] all = [.. names];
        return all.Length <= 4 ? string.Join(", ", all) : $"{all[0]}, {all[1]} … {all[^1]} ({all.Length})";
    }
}

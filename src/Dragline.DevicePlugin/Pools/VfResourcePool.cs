using System.Text;
using System.Text.Json;
using Dragline.Core.Hardware;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Linux.Discovery;
using Grpc.Core;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// An SR-IOV pool: VFs (or PFs without VFs) advertised by PCI address. Health is re-evaluated on every
/// discovery: a device that is gone, no longer matches, whose PF link (or own link, for a PF) is down, or
/// whose RDMA character devices are missing is Unhealthy, and Healthy again when that clears. A device
/// once seen stays listed (Unhealthy while gone) until the pool's definition changes, so the kubelet's
/// capacity does not silently shrink. Devices that appear later (VFs created after start) are added.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class VfResourcePool : ResourcePool
{
    private readonly Lock _lock = new();
    private readonly DeviceInfoFiles _deviceInfo;
    private readonly SortedDictionary<PciAddress, VfPoolDevice> _known = [];
    private HostView? _host;

    public VfResourcePool(VfPoolDefinition definition, DeviceInfoFiles deviceInfo)
        : base(definition?.ResourcePrefix ?? throw new ArgumentNullException(nameof(definition)), definition.ResourceName)
    {
        ArgumentNullException.ThrowIfNull(deviceInfo);
        Definition = definition;
        _deviceInfo = deviceInfo;
    }

    public VfPoolDefinition Definition { get; private set; }

    /// <summary>The devices as last seen, ordered by PCI address.</summary>
    public IReadOnlyList<VfPoolDevice> Members
    {
        get
        {
            lock (_lock)
            {
                return _known.Values.ToArray();
            }
        }
    }

    /// <summary>The environment variable with the allocated IDs: <c>PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV</c>.</summary>
    public string EnvironmentVariable => EnvironmentVariableOf(ResourcePrefix, ResourceName);

    /// <summary>
    /// <c>"PCIDEVICE_" + prefix + "_" + name</c>, upper-cased, with <c>.</c>, <c>/</c> and <c>-</c> as <c>_</c>
    /// so that it is a valid shell variable name (upstream keeps <c>-</c>; see <see cref="UpstreamEnvironmentVariableOf"/>).
    /// </summary>
    public static string EnvironmentVariableOf(string prefix, string name) =>
        ("PCIDEVICE_" + prefix + "_" + name).ToUpperInvariant().Replace('.', '_').Replace('/', '_').Replace('-', '_');

    /// <summary>Upstream's spelling: only <c>.</c> replaced. Differs from ours only for names with <c>-</c>.</summary>
    public static string UpstreamEnvironmentVariableOf(string prefix, string name) =>
        ("PCIDEVICE_" + prefix + "_" + name).ToUpperInvariant().Replace('.', '_');

    /// <summary>A new definition for the same resource: members are forgotten and re-selected on the next update.</summary>
    public void Redefine(VfPoolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_lock)
        {
            Definition = definition;
            _known.Clear();
        }
    }

    /// <summary>Applies one discovery: the devices selected for this pool now. True when ListAndWatch must send again.</summary>
    public bool Update(HostView host, IReadOnlyList<SelectedVf> selected)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(selected);
        AdvertisedDevice[] advertised;
        lock (_lock)
        {
            _host = host;
            var now = new HashSet<PciAddress>();
            foreach (SelectedVf s in selected)
            {
                now.Add(s.Device.Address);
                PciDevice? pf = s.Device.VirtualFunctionOf is { } origin ? host.Pci(origin.PhysicalFunction) : null;
                _known[s.Device.Address] = new VfPoolDevice
                {
                    Device = s.Device,
                    PhysicalFunction = pf,
                    Selector = s.Selector,
                    UnhealthyReason = HealthProblem(host, s.Device, pf, s.Selector),
                };
            }

            foreach (PciAddress address in _known.Keys.Where(a => !now.Contains(a)).ToArray())
            {
                VfPoolDevice old = _known[address];
                string reason = host.Pci(address) is null
                    ? $"{address} is gone from the host"
                    : $"{address} no longer matches the selectors of {FullName}";
                _known[address] = old with { UnhealthyReason = reason };
            }

            advertised = _known.Values
                .Select(d => new AdvertisedDevice(d.Id, d.UnhealthyReason is null, Definition.ExcludeTopology || d.Device.NumaNode < 0 ? null : d.Device.NumaNode, d.UnhealthyReason))
                .ToArray();
        }

        return Publish(advertised);
    }

    /// <summary>Why a selected device is unhealthy, or null.</summary>
    public static string? HealthProblem(HostView host, PciDevice device, PciDevice? pf, VfSelector selector)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(selector);
        // A VF's own netdev is not looked at: it leaves the host when a pod takes the VF, and is often admin-down
        // on the host before the CNI configures it. The PF's link carries the VF's traffic.
        PciDevice linkOwner = pf ?? device;
        if (host.Net(HostView.FirstNetDevice(linkOwner)) is { } net && HostView.LinkDownReason(net) is { } down)
        {
            return down;
        }

        if (selector.IsRdma)
        {
            foreach (string name in device.RdmaDevices)
            {
                if (host.Rdma(name) is { } rdma && !rdma.CharDevices.Any(c => c.Exists && c.Name.StartsWith("uverbs", StringComparison.Ordinal)))
                {
                    return $"RDMA device {name} of {device.Address} has no uverbs character device under /dev/infiniband";
                }
            }
        }

        return null;
    }

    public override AllocateResponse Allocate(AllocateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new AllocateResponse();
        lock (_lock)
        {
            HostView host = _host ?? throw new RpcException(new Status(StatusCode.Unavailable, $"{FullName} has not discovered its devices yet"));
            foreach (ContainerAllocateRequest container in request.ContainerRequests)
            {
                response.ContainerResponses.Add(AllocateContainer(host, container));
            }
        }

        return response;
    }

    /// <summary>Removes every device-info file of this pool.</summary>
    public void DeleteDeviceInfoFiles() => _deviceInfo.DeleteAll(FullName);

    protected override (IReadOnlyList<AllocationCandidate>, IReadOnlyList<GpuNicAffinity>) PlacementFacts()
    {
        lock (_lock)
        {
            AllocationCandidate[] candidates = _known.Values
                .Select((d, i) => new AllocationCandidate(d.Id, d.Nic, d.Device.NumaNode, i))
                .ToArray();
            return (candidates, _host?.GpuNicAffinities ?? []);
        }
    }

    private ContainerAllocateResponse AllocateContainer(HostView host, ContainerAllocateRequest container)
    {
        var answer = new ContainerAllocateResponse();
        var specs = new DeviceSpecSet();
        var info = new SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, string>>>(StringComparer.Ordinal);
        var files = new List<(string Id, string Content)>();
        foreach (string id in container.DevicesIds)
        {
            if (!PciAddress.TryParse(id, out PciAddress address) || !_known.TryGetValue(address, out VfPoolDevice? device))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"device '{id}' is not in {FullName}; it has {string.Join(", ", _known.Keys)}"));
            }

            var providers = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal)
            {
                ["generic"] = new(StringComparer.Ordinal) { ["deviceID"] = id },
            };
            var rdmaNames = new List<string>();
            string? vhostNet = null;
            AddDriverDevices(host, device, specs, providers);
            if (device.Selector.IsRdma)
            {
                AddRdmaDevices(host, device, specs, providers, rdmaNames);
            }

            if (device.Selector.NeedVhostNet && host.Root.Exists("dev/vhost-net"))
            {
                specs.Add("/dev/vhost-net", "rw");
                specs.Add("/dev/net/tun", "rw");
                vhostNet = "/dev/vhost-net";
                providers["vhost"] = new(StringComparer.Ordinal) { ["net-mount"] = "/dev/vhost-net", ["tun-mount"] = "/dev/net/tun" };
            }

            if (ExtraInfo(id) is { Count: > 0 } extra)
            {
                providers["extra"] = extra;
            }

            info[id] = providers;
            files.Add((id, DeviceInfoFiles.PciContent(id, rdmaNames, device.PhysicalFunction?.Address.ToString(), vhostNet)));
        }

        foreach ((string id, string content) in files)
        {
            try
            {
                _deviceInfo.Write(FullName, id, content);
            }
            catch (DevicePluginException e)
            {
                throw new RpcException(new Status(StatusCode.Internal, e.Message));
            }
        }

        string ids = string.Join(',', container.DevicesIds);
        string infoJson = InfoJson(info);
        answer.Envs[EnvironmentVariable] = ids;
        answer.Envs[EnvironmentVariable + "_INFO"] = infoJson;
        string upstream = UpstreamEnvironmentVariableOf(ResourcePrefix, ResourceName);
        if (upstream != EnvironmentVariable)
        {
            answer.Envs[upstream] = ids;
            answer.Envs[upstream + "_INFO"] = infoJson;
        }

        answer.Devices.AddRange(specs.Specs);
        return answer;
    }

    private static void AddRdmaDevices(HostView host, VfPoolDevice device, DeviceSpecSet specs,
        SortedDictionary<string, SortedDictionary<string, string>> providers, List<string> rdmaNames)
    {
        SortedDictionary<string, string>? rdmaInfo = null;
        foreach (string name in device.Device.RdmaDevices)
        {
            if (host.Rdma(name) is not { } rdma)
            {
                continue;
            }

            rdmaNames.Add(name);
            bool first = rdmaInfo is null;
            rdmaInfo ??= new SortedDictionary<string, string>(StringComparer.Ordinal) { ["rdma_dev"] = name };
            foreach (RdmaCharDevice c in RdmaCharDeviceOrder.Present(rdma.CharDevices))
            {
                specs.Add(c.DevicePath, "rw");
                string kind = new(c.Name.TakeWhile(char.IsLetter).ToArray());
                if (first)
                {
                    rdmaInfo.TryAdd(kind, c.DevicePath);
                }
            }
        }

        if (rdmaInfo is not null)
        {
            if (host.Inventory.HasRdmaCmDevice)
            {
                specs.Add("/dev/infiniband/rdma_cm", "rw");
                rdmaInfo["rdma_cm"] = "/dev/infiniband/rdma_cm";
            }

            providers["rdma"] = rdmaInfo;
        }
    }

    private static void AddDriverDevices(HostView host, VfPoolDevice device, DeviceSpecSet specs,
        SortedDictionary<string, SortedDictionary<string, string>> providers)
    {
        string? driver = device.Device.Driver;
        if (driver == "vfio-pci" && device.Device.IommuGroup is int group)
        {
            // No-IOMMU mode: the host node is noiommu-N, the container still sees /dev/vfio/N.
            bool noIommu = host.Root.ReadValue($"sys/kernel/iommu_groups/{group}/name") == "vfio-noiommu";
            string hostGroup = noIommu ? $"/dev/vfio/noiommu-{group}" : $"/dev/vfio/{group}";
            string containerGroup = $"/dev/vfio/{group}";
            specs.Add("/dev/vfio/vfio", "rw");
            specs.Add(hostGroup, containerGroup, "rw");
            providers["vfio"] = new(StringComparer.Ordinal) { ["mount"] = "/dev/vfio/vfio", ["dev-mount"] = containerGroup };
        }
        else if (driver is "uio_pci_generic" or "igb_uio" or "uio")
        {
            IReadOnlyList<string> uios = host.Root.List($"sys/bus/pci/devices/{device.Device.Address}/uio");
            string? uio = uios.Count > 0 ? uios[0] : null;
            if (uio is not null)
            {
                specs.Add("/dev/" + uio, "rw");
                providers["uio"] = new(StringComparer.Ordinal) { ["mount"] = "/dev/" + uio };
            }
        }
    }

    private SortedDictionary<string, string>? ExtraInfo(string id)
    {
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> additional = Definition.AdditionalInfo;
        if (additional.Count == 0)
        {
            return null;
        }

        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in (string[])["*", id])
        {
            if (additional.TryGetValue(key, out IReadOnlyDictionary<string, string>? values))
            {
                foreach ((string k, string v) in values)
                {
                    merged[k] = v;
                }
            }
        }

        return merged;
    }

    private static string InfoJson(SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, string>>> info)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach ((string id, SortedDictionary<string, SortedDictionary<string, string>> providers) in info)
            {
                json.WriteStartObject(id);
                foreach ((string provider, SortedDictionary<string, string> values) in providers)
                {
                    json.WriteStartObject(provider);
                    foreach ((string k, string v) in values)
                    {
                        json.WriteString(k, v);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Globalization;
using Dragline.Core.Hardware;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Linux.Discovery;
using Grpc.Core;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// An RDMA shared pool (k8s-rdma-shared-dev-plugin's model): each selected HCA is advertised as
/// <c>rdmaHcaMax</c> devices with IDs <c>PCI-N</c> (e.g. <c>0000:3b:00.0-7</c>) on the HCA's NUMA node,
/// and Allocate, whichever IDs it gets, mounts every <c>/dev/infiniband</c> device of every selected
/// HCA plus <c>rdma_cm</c>, with permissions <c>rwm</c>. An HCA is selected only when its character
/// devices include uverbs and umad and the host has rdma_cm (upstream's completeness check). An HCA
/// that disappears, whose netdev link goes down, or that loses its character devices turns its IDs
/// Unhealthy, and Healthy again when that clears.
/// </summary>
public sealed class RdmaSharedResourcePool : ResourcePool
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<PciAddress, SharedHca> _known = [];
    private HostView? _host;

    public RdmaSharedResourcePool(RdmaSharedPoolDefinition definition)
        : base(definition?.ResourcePrefix ?? throw new ArgumentNullException(nameof(definition)), definition.ResourceName)
    {
        Definition = definition;
    }

    public RdmaSharedPoolDefinition Definition { get; private set; }

    /// <summary>Devices that matched the selectors but lack character devices, with the reason (for the log).</summary>
    public IReadOnlyList<string> Rejected { get; private set; } = [];

    public IReadOnlyList<SharedHca> Hcas
    {
        get
        {
            lock (_lock)
            {
                return _known.Values.ToArray();
            }
        }
    }

    public void Redefine(RdmaSharedPoolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_lock)
        {
            Definition = definition;
            _known.Clear();
        }
    }

    /// <summary>Whether one device matches the pool's selectors (before the character-device check).</summary>
    public static bool Matches(HostView host, PciDevice device, RdmaSharedSelector selector)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(selector);
        string? ifName = HostView.FirstNetDevice(device);
        NetDevice? net = host.Net(ifName);
        return device.IsNetworkController
            && Any(selector.Vendors, device.VendorId.ToString("x4"))
            && Any(selector.DeviceIds, device.DeviceId.ToString("x4"))
            && Any(selector.Drivers, device.Driver)
            && Any(selector.IfNames, ifName)
            && Any(selector.LinkTypes, net is null ? null : HostView.LinkTypeName(net));
    }

    /// <summary>Why an HCA lacks what a container needs, or null: uverbs and umad of its RDMA devices, and rdma_cm.</summary>
    public static string? MissingCharDevices(HostView host, PciDevice device)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(device);
        RdmaCharDevice[] present = CharDevices(host, device).ToArray();
        foreach (string kind in (string[])["uverbs", "umad"])
        {
            if (!present.Any(c => c.Name.StartsWith(kind, StringComparison.Ordinal)))
            {
                return $"missing RDMA device spec for device {device.Address}, RDMA device \"{kind}\" not found";
            }
        }

        return host.Inventory.HasRdmaCmDevice ? null : $"missing RDMA device spec for device {device.Address}, RDMA device \"rdma_cm\" not found";
    }

    /// <summary>Applies one discovery. True when ListAndWatch must send again.</summary>
    public bool Update(HostView host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var advertised = new List<AdvertisedDevice>();
        lock (_lock)
        {
            _host = host;
            var rejected = new List<string>();
            var now = new HashSet<PciAddress>();
            foreach (PciDevice device in host.Inventory.PciDevices.Where(d => Matches(host, d, Definition.Selector)))
            {
                string? missing = MissingCharDevices(host, device);
                if (missing is not null && !_known.ContainsKey(device.Address))
                {
                    // Never complete: not an HCA this pool serves (a NIC without RDMA, or RDMA modules not loaded).
                    if (device.RdmaDevices.Count > 0)
                    {
                        rejected.Add(missing);
                    }

                    continue;
                }

                now.Add(device.Address);
                string? link = host.Net(HostView.FirstNetDevice(device)) is { } net ? HostView.LinkDownReason(net) : null;
                _known[device.Address] = new SharedHca(device, missing ?? link);
            }

            foreach (PciAddress address in _known.Keys.Where(a => !now.Contains(a)).ToArray())
            {
                _known[address] = _known[address] with
                {
                    UnhealthyReason = host.Pci(address) is null ? $"{address} is gone from the host" : $"{address} no longer matches the selectors of {FullName}",
                };
            }

            Rejected = rejected;
            foreach (SharedHca hca in _known.Values)
            {
                int? numa = hca.Device.NumaNode < 0 ? null : hca.Device.NumaNode;
                for (int i = 0; i < Definition.RdmaHcaMax; i++)
                {
                    advertised.Add(new AdvertisedDevice(IdOf(hca.Device.Address, i), hca.UnhealthyReason is null, numa, hca.UnhealthyReason));
                }
            }
        }

        return Publish(advertised);
    }

    /// <summary>The device ID of the <paramref name="index"/>-th share of an HCA.</summary>
    public static string IdOf(PciAddress hca, int index) => hca + "-" + index.ToString(CultureInfo.InvariantCulture);

    public override AllocateResponse Allocate(AllocateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = new AllocateResponse();
        lock (_lock)
        {
            HostView host = _host ?? throw new RpcException(new Status(StatusCode.Unavailable, $"{FullName} has not discovered its devices yet"));
            var ids = Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            foreach (ContainerAllocateRequest container in request.ContainerRequests)
            {
                if (container.DevicesIds.FirstOrDefault(id => !ids.Contains(id)) is { } unknown)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"device '{unknown}' is not in {FullName}"));
                }

                var specs = new DeviceSpecSet();
                foreach (SharedHca hca in _known.Values)
                {
                    foreach (RdmaCharDevice c in CharDevices(host, hca.Device))
                    {
                        specs.Add(c.DevicePath, "rwm");
                    }
                }

                if (host.Inventory.HasRdmaCmDevice)
                {
                    specs.Add("/dev/infiniband/rdma_cm", "rwm");
                }

                var answer = new ContainerAllocateResponse();
                answer.Devices.AddRange(specs.Specs);
                response.ContainerResponses.Add(answer);
            }
        }

        return response;
    }

    protected override (IReadOnlyList<AllocationCandidate>, IReadOnlyList<GpuNicAffinity>) PlacementFacts()
    {
        lock (_lock)
        {
            var candidates = new List<AllocationCandidate>();
            foreach (SharedHca hca in _known.Values)
            {
                for (int i = 0; i < Definition.RdmaHcaMax; i++)
                {
                    candidates.Add(new AllocationCandidate(IdOf(hca.Device.Address, i), hca.Device, hca.Device.NumaNode, candidates.Count));
                }
            }

            return (candidates, _host?.GpuNicAffinities ?? []);
        }
    }

    private static IEnumerable<RdmaCharDevice> CharDevices(HostView host, PciDevice device) =>
        device.RdmaDevices.Select(host.Rdma).OfType<RdmaDevice>().SelectMany(r => RdmaCharDeviceOrder.Present(r.CharDevices));

    private static bool Any(IReadOnlyList<string> wanted, string? value) =>
        wanted.Count == 0 || (value is not null && wanted.Any(w => string.Equals(w, value, StringComparison.OrdinalIgnoreCase)));
}

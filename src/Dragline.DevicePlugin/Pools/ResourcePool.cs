using Dragline.DevicePlugin.V1Beta1;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// One resource the kubelet sees (<c>prefix/name</c>): the devices it advertises, which change as
/// health and configuration change, and the answers to Allocate and GetPreferredAllocation.
/// ListAndWatch streams wait on <see cref="WaitForChangeAsync"/> and send the whole list again after
/// every change.
/// </summary>
public abstract class ResourcePool
{
    private readonly Lock _lock = new();
    private IReadOnlyList<AdvertisedDevice> _devices = [];
    private long _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected ResourcePool(string resourcePrefix, string resourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        ResourcePrefix = resourcePrefix;
        ResourceName = resourceName;
    }

    public string ResourcePrefix { get; }

    public string ResourceName { get; }

    /// <summary><c>prefix/name</c>: what pods request and what is registered with the kubelet.</summary>
    public string FullName => ResourcePrefix + "/" + ResourceName;

    /// <summary>The socket file name in the device-plugin directory: <c>prefix_name.sock</c>.</summary>
    public string SocketName => ResourcePrefix + "_" + ResourceName + ".sock";

    /// <summary>What ListAndWatch reports now.</summary>
    public IReadOnlyList<AdvertisedDevice> Devices
    {
        get
        {
            lock (_lock)
            {
                return _devices;
            }
        }
    }

    /// <summary>Goes up by one on every change of <see cref="Devices"/>.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>The advertised list and its version, read together.</summary>
    public (IReadOnlyList<AdvertisedDevice> Devices, long Version) Snapshot()
    {
        lock (_lock)
        {
            return (_devices, _version);
        }
    }

    /// <summary>Completes when <see cref="Version"/> is no longer <paramref name="seenVersion"/>.</summary>
    public Task WaitForChangeAsync(long seenVersion, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (_version != seenVersion)
            {
                return Task.CompletedTask;
            }

            changed = _changed.Task;
        }

        return changed.WaitAsync(cancellationToken);
    }

    /// <summary>Answers Allocate: one container response per container request, in order.</summary>
    public abstract AllocateResponse Allocate(AllocateRequest request);

    /// <summary>Answers GetPreferredAllocation by <see cref="PreferredAllocator"/>'s rule.</summary>
    public PreferredAllocationResponse GetPreferredAllocation(PreferredAllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        (IReadOnlyList<AllocationCandidate> candidates, IReadOnlyList<Linux.Discovery.GpuNicAffinity> affinities) = PlacementFacts();
        var byId = candidates.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var response = new PreferredAllocationResponse();
        foreach (ContainerPreferredAllocationRequest container in request.ContainerRequests)
        {
            AllocationCandidate[] available = container.AvailableDeviceIDs
                .Select(id => byId.TryGetValue(id, out AllocationCandidate? c) ? c : new AllocationCandidate(id, null, -1, int.MaxValue))
                .ToArray();
            IReadOnlyList<string> ids = PreferredAllocator.Choose(available, container.MustIncludeDeviceIDs, container.AllocationSize, affinities);
            var answer = new ContainerPreferredAllocationResponse();
            answer.DeviceIDs.AddRange(ids);
            response.ContainerResponses.Add(answer);
        }

        return response;
    }

    /// <summary>Every device with where it sits, and the host's GPU/NIC affinities, for preferred allocation.</summary>
    protected abstract (IReadOnlyList<AllocationCandidate> Candidates, IReadOnlyList<Linux.Discovery.GpuNicAffinity> Affinities) PlacementFacts();

    /// <summary>Replaces the advertised list; true (and waiting streams woken) when it differs from the last one.</summary>
    protected bool Publish(IReadOnlyList<AdvertisedDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        TaskCompletionSource wake;
        lock (_lock)
        {
            if (_devices.SequenceEqual(devices))
            {
                return false;
            }

            _devices = devices;
            _version++;
            wake = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
        return true;
    }
}

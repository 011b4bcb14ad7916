using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.V1Beta1;
using Grpc.Core;

namespace Dragline.DevicePlugin.Server;

/// <summary>The <c>v1beta1.DevicePlugin</c> service of one resource pool.</summary>
internal sealed class DevicePluginService : V1Beta1.DevicePlugin.DevicePluginBase
{
    private readonly ResourcePool _pool;
    private readonly EndpointStopping _stopping;

    public DevicePluginService(ResourcePool pool, EndpointStopping stopping)
    {
        _pool = pool;
        _stopping = stopping;
    }

    /// <summary>What every pool advertises: preferred allocation answered, no PreStartContainer needed.</summary>
    public static DevicePluginOptions Options => new() { PreStartRequired = false, GetPreferredAllocationAvailable = true };

    public override Task<DevicePluginOptions> GetDevicePluginOptions(Empty request, ServerCallContext context) => Task.FromResult(Options);

    public override async Task ListAndWatch(Empty request, IServerStreamWriter<ListAndWatchResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping.Token);
        CancellationToken token = linked.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                (IReadOnlyList<AdvertisedDevice> devices, long version) = _pool.Snapshot();
                await responseStream.WriteAsync(ToResponse(devices), token).ConfigureAwait(false);
                await _pool.WaitForChangeAsync(version, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The kubelet went away or the endpoint is stopping: the stream ends.
        }
    }

    public override Task<PreferredAllocationResponse> GetPreferredAllocation(PreferredAllocationRequest request, ServerCallContext context) =>
        Task.FromResult(_pool.GetPreferredAllocation(request));

    public override Task<AllocateResponse> Allocate(AllocateRequest request, ServerCallContext context) =>
        Task.FromResult(_pool.Allocate(request));

    public override Task<PreStartContainerResponse> PreStartContainer(PreStartContainerRequest request, ServerCallContext context) =>
        Task.FromResult(new PreStartContainerResponse());

    /// <summary>The ListAndWatch message for a device list.</summary>
    public static ListAndWatchResponse ToResponse(IReadOnlyList<AdvertisedDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var response = new ListAndWatchResponse();
        foreach (AdvertisedDevice d in devices)
        {
            var device = new Device { ID = d.Id, Health = d.Health };
            if (d.NumaNode is int node)
            {
                device.Topology = new TopologyInfo();
                device.Topology.Nodes.Add(new NUMANode { ID = node });
            }

            response.Devices.Add(device);
        }

        return response;
    }
}

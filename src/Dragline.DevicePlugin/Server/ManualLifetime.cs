using Microsoft.Extensions.Hosting;

namespace Dragline.DevicePlugin.Server;

/// <summary>A host lifetime that hooks no signals: the owner of the device plugins decides when they stop.</summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

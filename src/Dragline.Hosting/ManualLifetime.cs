using Microsoft.Extensions.Hosting;

namespace Dragline.Hosting;

/// <summary>
/// A host lifetime that hooks no signals: the owner of a server (the CLI command, a test) decides when it
/// stops, so a library host never steals SIGTERM from its process.
/// </summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

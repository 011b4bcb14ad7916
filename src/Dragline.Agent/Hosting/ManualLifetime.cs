using Microsoft.Extensions.Hosting;

namespace Dragline.Agent.Hosting;

/// <summary>
/// A host lifetime that hooks no signals: the agent's owner (the CLI command, a test) decides when to
/// stop, so a library host never steals SIGTERM from its process.
/// </summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

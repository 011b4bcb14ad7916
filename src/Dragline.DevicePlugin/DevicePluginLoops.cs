using Dragline.Core;
using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin;

/// <summary>
/// The device plugins' background work: each job runs on its own interval and at once when a watched directory
/// changes (the kubelet directory for a kubelet restart, the config file's folder for a reload). A failed run is
/// logged and the next one tried; stopping ends the loops and the watchers.
/// </summary>
internal sealed class DevicePluginLoops(TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly List<SemaphoreSlim> _signals = [];
    private readonly List<Task> _loops = [];
    private int _stopped;

    /// <summary>
    /// Runs <paramref name="work"/> every <paramref name="interval"/> (read before each wait; infinite waits for a
    /// change only) and whenever <paramref name="watchedFolder"/> changes (null: no watch).
    /// </summary>
    public void Add(Func<TimeSpan> interval, string? watchedFolder, Func<CancellationToken, Task> work)
    {
        var signal = new SemaphoreSlim(0, 1);
        _signals.Add(signal);
        if (watchedFolder is not null)
        {
            _watchers.Add(Watch(watchedFolder, signal));
        }

        CancellationToken stop = _stop.Token;
        _loops.Add(Task.Run(() => LoopAsync(interval, signal, work, stop), stop));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (FileSystemWatcher watcher in _watchers)
        {
            watcher.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops end by cancellation.
        }

        foreach (SemaphoreSlim signal in _signals)
        {
            signal.Dispose();
        }

        _stop.Dispose();
    }

    private static FileSystemWatcher Watch(string folder, SemaphoreSlim signal)
    {
        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false };
        void Wake(object sender, FileSystemEventArgs e) => Signal(signal);
        watcher.Created += Wake;
        watcher.Deleted += Wake;
        watcher.Changed += Wake;
        watcher.Renamed += (s, e) => Signal(signal);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private static void Signal(SemaphoreSlim signal)
    {
        try
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task LoopAsync(Func<TimeSpan> interval, SemaphoreSlim signal, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                TimeSpan every = interval();
                Task delay = every == Timeout.InfiniteTimeSpan
                    ? Task.Delay(Timeout.Infinite, wake.Token)
                    : Task.Delay(every, time, wake.Token);
                Task signalled = signal.WaitAsync(wake.Token);
                await Task.WhenAny(delay, signalled).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await work(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is DraglineException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                DevicePluginLog.RescanFailed(logger, e);
            }
        }
    }
}

using System.Collections.Concurrent;
using Dragline.DevicePlugin.Server;
using Dragline.DevicePlugin.V1Beta1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin.IntegrationTests;

/// <summary>
/// A TEST DOUBLE of the kubelet's device manager: a real gRPC <c>v1beta1.Registration</c> server on
/// <c>DIR/kubelet.sock</c>. Like the kubelet, on every Register it dials the plugin's socket in the same
/// folder, calls GetDevicePluginOptions and keeps a ListAndWatch stream open, recording every list it is sent.
/// </summary>
public sealed class TestKubelet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RegisterRequest> _registrations = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ListAndWatchResponse>> _lists = new();
    private readonly ConcurrentDictionary<string, DevicePluginOptions> _options = new();
    private readonly List<Task> _watches = [];
    private int _disposed;

    private TestKubelet(string directory, WebApplication app)
    {
        Directory = directory;
        _app = app;
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "kubelet.sock");

    public IReadOnlyList<RegisterRequest> Registrations => [.. _registrations];

    public static async Task<TestKubelet> StartAsync(string directory)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<Holder>();
        builder.Services.AddSingleton<IHostLifetime, NoSignals>();
        string socket = Path.Combine(directory, "kubelet.sock");
        File.Delete(socket);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket, l => l.Protocols = HttpProtocols.Http2));
        WebApplication app = builder.Build();
        var kubelet = new TestKubelet(directory, app);
        app.Services.GetRequiredService<Holder>().Kubelet = kubelet;
        app.MapGrpcService<RegistrationService>();
        await app.StartAsync();
        return kubelet;
    }

    /// <summary>The lists ListAndWatch has sent for a resource, oldest first.</summary>
    public IReadOnlyList<ListAndWatchResponse> Lists(string resource) =>
        _lists.TryGetValue(resource, out ConcurrentQueue<ListAndWatchResponse>? q) ? [.. q] : [];

    public DevicePluginOptions? OptionsOf(string resource) => _options.GetValueOrDefault(resource);

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after 30 s (a hang, not a timing assertion).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (int i = 0; i < 1500; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"timed out waiting for {what}");
    }

    /// <summary>Waits for a list of <paramref name="resource"/> that satisfies <paramref name="predicate"/> and returns it.</summary>
    public async Task<ListAndWatchResponse> WaitForListAsync(string resource, Func<ListAndWatchResponse, bool> predicate, string what)
    {
        await WaitUntilAsync(() => Lists(resource).Any(predicate), $"{resource}: {what}");
        return Lists(resource).Last(predicate);
    }

    /// <summary>A client of a plugin's socket in this kubelet's folder.</summary>
    public V1Beta1.DevicePlugin.DevicePluginClient Client(string endpoint) =>
        new(UnixSocketChannel.Create(Path.Combine(Directory, endpoint)));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Task[] watches;
            lock (_watches)
            {
                watches = [.. _watches];
            }

            await Task.WhenAll(watches);
        }
        catch (RpcException)
        {
            // Streams end as the kubelet goes.
        }

        File.Delete(SocketPath);
        _stop.Dispose();
    }

    private void OnRegister(RegisterRequest request)
    {
        _registrations.Enqueue(request);
        lock (_watches)
        {
            _watches.Add(Task.Run(() => WatchAsync(request)));
        }
    }

    private async Task WatchAsync(RegisterRequest request)
    {
        try
        {
            V1Beta1.DevicePlugin.DevicePluginClient client = Client(request.Endpoint);
            _options[request.ResourceName] = await client.GetDevicePluginOptionsAsync(new Empty(), cancellationToken: _stop.Token);
            using AsyncServerStreamingCall<ListAndWatchResponse> call = client.ListAndWatch(new Empty(), cancellationToken: _stop.Token);
            ConcurrentQueue<ListAndWatchResponse> lists = _lists.GetOrAdd(request.ResourceName, _ => new());
            while (await call.ResponseStream.MoveNext(_stop.Token))
            {
                lists.Enqueue(call.ResponseStream.Current);
            }
        }
        catch (RpcException)
        {
            // The plugin's server went away (a restart or a stop): the kubelet waits for the next registration.
        }
        catch (OperationCanceledException)
        {
            // This kubelet is stopping.
        }
    }

    /// <summary>Hooks no signals: the test decides when this kubelet stops.</summary>
    private sealed class NoSignals : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Lets the gRPC service (created by DI) reach the kubelet it belongs to.</summary>
    private sealed class Holder
    {
        public TestKubelet? Kubelet { get; set; }
    }

    private sealed class RegistrationService(Holder holder) : Registration.RegistrationBase
    {
        public override Task<Empty> Register(RegisterRequest request, ServerCallContext context)
        {
            if (request.Version != "v1beta1")
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"unsupported version {request.Version}"));
            }

            holder.Kubelet!.OnRegister(request);
            return Task.FromResult(new Empty());
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dragline.Agent.IntegrationTests;

/// <summary>
/// (Copied from Dragline.Ipam.IntegrationTests, which owns the original.) A real etcd cluster (Debian's <c>/usr/bin/etcd</c>) of several members on loopback, with free
/// ports and data directories under /tmp, started and health-checked on construction and stopped
/// (every member killed, data removed) on dispose.
/// </summary>
internal sealed class EtcdCluster : IAsyncDisposable
{
    public const string EtcdBinary = "/usr/bin/etcd";

    private readonly TempDirectory _data = new();
    private readonly Process?[] _members;
    private readonly int[] _clientPorts;
    private readonly string[] _arguments;

    private EtcdCluster(int size)
    {
        _members = new Process?[size];
        _clientPorts = new int[size];
        _arguments = new string[size];
        int[] peerPorts = new int[size];
        for (int i = 0; i < size; i++)
        {
            _clientPorts[i] = FreePort();
            peerPorts[i] = FreePort();
        }

        string token = "dragline-test-" + Guid.NewGuid().ToString("N");
        string initialCluster = string.Join(",", Enumerable.Range(0, size).Select(i => $"m{i}=http://127.0.0.1:{peerPorts[i]}"));
        for (int i = 0; i < size; i++)
        {
            _arguments[i] = string.Join(' ',
                $"--name m{i}",
                $"--data-dir {Path.Combine(_data.Path, "m" + i)}",
                $"--listen-client-urls http://127.0.0.1:{_clientPorts[i]}",
                $"--advertise-client-urls http://127.0.0.1:{_clientPorts[i]}",
                $"--listen-peer-urls http://127.0.0.1:{peerPorts[i]}",
                $"--initial-advertise-peer-urls http://127.0.0.1:{peerPorts[i]}",
                $"--initial-cluster {initialCluster}",
                "--initial-cluster-state new",
                $"--initial-cluster-token {token}",
                "--log-level error");
        }
    }

    public IReadOnlyList<Uri> Endpoints => [.. _clientPorts.Select(p => new Uri($"http://127.0.0.1:{p}"))];

    public static bool IsAvailable => File.Exists(EtcdBinary);

    public static async Task<EtcdCluster> StartAsync(int size, CancellationToken cancellationToken)
    {
        var cluster = new EtcdCluster(size);
        try
        {
            for (int i = 0; i < size; i++)
            {
                cluster.StartMember(i);
            }

            await cluster.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL member <paramref name="index"/> (no clean shutdown).</summary>
    public void Kill(int index)
    {
        Process? member = _members[index];
        if (member is { HasExited: false })
        {
            member.Kill();
            member.WaitForExit();
        }
    }

    /// <summary>The index of the member that is Raft leader now (asked through the v3 JSON gateway).</summary>
    public async Task<int> FindLeaderAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i] is not { HasExited: false })
            {
                continue;
            }

            using var content = new StringContent("{}");
            using HttpResponseMessage response = await http.PostAsync(new Uri($"http://127.0.0.1:{_clientPorts[i]}/v3/maintenance/status"), content, cancellationToken).ConfigureAwait(false);
            using var status = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            string? self = status.RootElement.GetProperty("header").GetProperty("member_id").GetString();
            string? leader = status.RootElement.GetProperty("leader").GetString();
            if (self is not null && self == leader)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no running etcd member says it is the leader");
    }

    /// <summary>Until every running member reports healthy (a leader exists and it can commit).</summary>
    public async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(TimeSpan.FromSeconds(60));
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i] is not { HasExited: false })
            {
                continue;
            }

            while (true)
            {
                overall.Token.ThrowIfCancellationRequested();
                if (_members[i]!.HasExited)
                {
                    throw new InvalidOperationException($"etcd member m{i} exited with code {_members[i]!.ExitCode}: {_arguments[i]}");
                }

                try
                {
                    string body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_clientPorts[i]}/health"), overall.Token).ConfigureAwait(false);
                    if (body.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!overall.IsCancellationRequested)
                {
                }

                await Task.Delay(100, overall.Token).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < _members.Length; i++)
        {
            Kill(i);
            _members[i]?.Dispose();
        }

        await Task.Yield();
        _data.Dispose();
    }

    private void StartMember(int index)
    {
        var start = new ProcessStartInfo(EtcdBinary, _arguments[index])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process member = Process.Start(start) ?? throw new InvalidOperationException("could not start " + EtcdBinary);
        member.OutputDataReceived += (_, _) => { };
        member.ErrorDataReceived += (_, _) => { };
        member.BeginOutputReadLine();
        member.BeginErrorReadLine();
        _members[index] = member;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Dragline.Ipam.Tests.Store;

namespace Dragline.Ipam.IntegrationTests;

/// <summary>
/// One etcd member serving clients over TLS with <c>--client-cert-auth</c>, with certificates minted for the test:
/// the trusted CA (<see cref="CaPath"/>), a client certificate it signed (<see cref="ClientCertPath"/>), and a CA
/// plus client certificate that etcd does not trust, for the refusal tests.
/// </summary>
public sealed class EtcdTlsServer : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private Process? _etcd;

    public string? SkipReason { get; private set; }

    public Uri Endpoint { get; private set; } = new("https://127.0.0.1:1");

    public string CaPath => Path.Combine(_dir.Path, "ca.pem");

    public string ClientCertPath => Path.Combine(_dir.Path, "client.pem");

    public string ClientKeyPath => Path.Combine(_dir.Path, "client-key.pem");

    public string OtherCaPath => Path.Combine(_dir.Path, "other-ca.pem");

    public string OtherClientCertPath => Path.Combine(_dir.Path, "other-client.pem");

    public string OtherClientKeyPath => Path.Combine(_dir.Path, "other-client-key.pem");

    public async ValueTask InitializeAsync()
    {
        if (!EtcdCluster.IsAvailable)
        {
            SkipReason = $"{EtcdCluster.EtcdBinary} is not installed (Debian package etcd-server)";
            return;
        }

        using (X509Certificate2 ca = TestCertificates.CreateCa("dragline-test-ca"))
        using (X509Certificate2 other = TestCertificates.CreateCa("some-other-ca"))
        {
            TestCertificates.WriteCertificate(ca, CaPath);
            TestCertificates.WriteCertificate(other, OtherCaPath);
            TestCertificates.CreateLeaf(ca, "etcd-server", server: true, Path.Combine(_dir.Path, "server.pem"), Path.Combine(_dir.Path, "server-key.pem"));
            TestCertificates.CreateLeaf(ca, "dragline-agent", server: false, ClientCertPath, ClientKeyPath);
            TestCertificates.CreateLeaf(other, "dragline-agent", server: false, OtherClientCertPath, OtherClientKeyPath);
        }

        int clientPort = FreePort();
        int peerPort = FreePort();
        int metricsPort = FreePort();
        Endpoint = new Uri($"https://127.0.0.1:{clientPort}");
        string arguments = string.Join(' ',
            "--name m0",
            $"--data-dir {Path.Combine(_dir.Path, "data")}",
            $"--listen-client-urls https://127.0.0.1:{clientPort}",
            $"--advertise-client-urls https://127.0.0.1:{clientPort}",
            $"--listen-peer-urls http://127.0.0.1:{peerPort}",
            $"--initial-advertise-peer-urls http://127.0.0.1:{peerPort}",
            $"--initial-cluster m0=http://127.0.0.1:{peerPort}",
            // Health is polled here, in plain HTTP, so waiting does not depend on the TLS code under test.
            $"--listen-metrics-urls http://127.0.0.1:{metricsPort}",
            $"--cert-file {Path.Combine(_dir.Path, "server.pem")}",
            $"--key-file {Path.Combine(_dir.Path, "server-key.pem")}",
            $"--trusted-ca-file {CaPath}",
            "--client-cert-auth",
            "--log-level error");
        var start = new ProcessStartInfo(EtcdCluster.EtcdBinary, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _etcd = Process.Start(start) ?? throw new InvalidOperationException("could not start " + EtcdCluster.EtcdBinary);
        _etcd.OutputDataReceived += (_, _) => { };
        _etcd.ErrorDataReceived += (_, _) => { };
        _etcd.BeginOutputReadLine();
        _etcd.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        overall.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_etcd.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {_etcd.ExitCode}: {arguments}");
            }

            try
            {
                string body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/health"), overall.Token);
                if (body.Contains("\"health\":\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!overall.IsCancellationRequested)
            {
            }

            await Task.Delay(100, overall.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_etcd is { HasExited: false })
        {
            _etcd.Kill();
            _etcd.WaitForExit();
        }

        _etcd?.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

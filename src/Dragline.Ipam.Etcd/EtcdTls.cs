using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dragline.Core;

namespace Dragline.Ipam.Etcd;

/// <summary>
/// Builds the HTTP handler of a TLS channel to etcd from PEM files, like etcdctl's <c>--cacert</c>, <c>--cert</c> and
/// <c>--key</c>. Files are read once, at open, so a bad path fails the command that names it rather than the first RPC.
/// </summary>
internal static class EtcdTls
{
    /// <summary>Certificates and keys are a few KiB; anything near this is not one, and is not read whole into memory.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    public static bool IsConfigured(EtcdStoreOptions options) =>
        options.CaCertificatePath is not null || options.ClientCertificatePath is not null;

    public static SocketsHttpHandler CreateHandler(EtcdStoreOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.CaCertificatePath is { } caPath)
        {
            string pem = ReadPem(caPath, "cacert");
            var trust = new X509Certificate2Collection();
            try
            {
                trust.ImportFromPem(pem);
            }
            catch (CryptographicException ex)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"etcd cacert '{caPath}' is not a PEM certificate ({ex.Message}); give the CA certificate that signed the etcd servers' certificates", ex);
            }

            if (trust.Count == 0)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"etcd cacert '{caPath}' holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the CA certificate that signed the etcd servers' certificates");
            }

            // Only this CA is trusted, not the system store: etcd clusters use private CAs, and a public CA
            // vouching for a name is no reason to send it IPAM writes.
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(trust);
        }

        if (options.ClientCertificatePath is { } certPath)
        {
            string keyPath = options.ClientKeyPath
                ?? throw new DraglineException(DraglineErrorReason.InvalidValue, $"etcd client certificate '{certPath}' has no key; add key=/path/to/client-key.pem");
            string certPem = ReadPem(certPath, "cert");
            string keyPem = ReadPem(keyPath, "key");
            try
            {
                ssl.ClientCertificates = [X509Certificate2.CreateFromPem(certPem, keyPem)];
            }
            catch (CryptographicException ex)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue,
                    $"etcd client certificate '{certPath}' with key '{keyPath}' could not be loaded ({ex.Message}); check that both are PEM and that the key belongs to the certificate", ex);
            }
        }

        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            EnableMultipleHttp2Connections = true,
        };
    }

    private static string ReadPem(string path, string parameter)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new DraglineException(DraglineErrorReason.NotFound, $"etcd {parameter} file '{path}' does not exist; fix the {parameter}= parameter of the store");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"etcd {parameter} file '{path}' has {info.Length} bytes, more than a PEM file can plausibly need ({MaxFileBytes}); check the {parameter}= parameter");
            }

            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DraglineException(DraglineErrorReason.System, $"etcd {parameter} file '{path}' could not be read ({ex.Message}); check its permissions", ex);
        }
    }
}

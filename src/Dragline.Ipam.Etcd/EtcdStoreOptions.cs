namespace Dragline.Ipam.Etcd;

/// <summary>Where and how <see cref="EtcdStore"/> talks to etcd.</summary>
public sealed record EtcdStoreOptions
{
    /// <summary>Client URLs of the members, e.g. <c>http://10.0.0.1:2379</c>; the client fails over between them.</summary>
    public required IReadOnlyList<Uri> Endpoints { get; init; }

    /// <summary>The key prefix everything lives under (no trailing slash).</summary>
    public string KeyPrefix { get; init; } = "/dragline";

    /// <summary>PEM file of the CA that signs the members' server certificates; null trusts the system store.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>PEM client certificate, for a cluster started with <c>--client-cert-auth</c>; needs <see cref="ClientKeyPath"/>.</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="ClientCertificatePath"/>.</summary>
    public string? ClientKeyPath { get; init; }

    /// <summary>The etcd user to authenticate as (etcd <c>auth enable</c>); null sends no credentials.</summary>
    public string? Username { get; init; }

    /// <summary>The password of <see cref="Username"/>; never logged, and not part of <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The deadline of one RPC.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one store operation keeps retrying an unreachable cluster (member down, leader election) before failing.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most changes one commit may carry. A reserve writes two keys (record and owner index), so with etcd's default
    /// <c>--max-txn-ops=128</c> and a replace costing three, 40 keeps every transaction inside the limit.
    /// </summary>
    public int MaxChangesPerCommit { get; init; } = 40;

    /// <summary>Everything but the password, so the options can be logged.</summary>
    public override string ToString() =>
        $"EtcdStoreOptions {{ Endpoints = {string.Join(",", Endpoints)}, KeyPrefix = {KeyPrefix}, Username = {Username}, CaCertificatePath = {CaCertificatePath}, ClientCertificatePath = {ClientCertificatePath} }}";
}

namespace Dragline.Ipam.Etcd;

/// <summary>Which side of a TLS connection to etcd refused it.</summary>
internal enum EtcdTlsFailureKind
{
    /// <summary>Not a TLS failure.</summary>
    None,

    /// <summary>The client did not accept the server's certificate (wrong CA, wrong name) or the handshake failed.</summary>
    ServerNotTrusted,

    /// <summary>The server hung up after the handshake: etcd's answer to a missing or untrusted client certificate.</summary>
    ClientRefused,
}

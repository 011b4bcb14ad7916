using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.Stores;

/// <summary>
/// Opens the backend a <c>--store</c> value names. It has an assembly of its own because it must know every
/// backend, and the callers (CLI, lab) should not reference each backend themselves.
/// </summary>
public static class StateStoreFactory
{
    /// <summary>Parse <paramref name="location"/> (see <see cref="StoreLocation"/>) and open it.</summary>
    public static IStateStore Open(string location) => Open(StoreLocation.Parse(location));

    public static IStateStore Open(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind switch
        {
            StoreKind.Sqlite => SqliteStore.Open(location.Path!),
            StoreKind.Etcd => OpenEtcd(location),
            _ => throw new ArgumentOutOfRangeException(nameof(location), location.Kind, "unknown store kind"),
        };
    }

    private static EtcdStore OpenEtcd(StoreLocation location)
    {
        (string User, string Password)? credentials = location.UserFilePath is { } userFile ? EtcdUserFile.Read(userFile) : null;
        return new EtcdStore(new EtcdStoreOptions
        {
            Endpoints = location.Endpoints,
            KeyPrefix = location.KeyPrefix,
            CaCertificatePath = location.CaCertificatePath,
            ClientCertificatePath = location.ClientCertificatePath,
            ClientKeyPath = location.ClientKeyPath,
            Username = credentials?.User,
            Password = credentials?.Password,
        });
    }
}

namespace Dragline.Ipam.Store;

/// <summary>Which backend a <see cref="StoreLocation"/> names.</summary>
public enum StoreKind
{
    Sqlite,
    Etcd,
}

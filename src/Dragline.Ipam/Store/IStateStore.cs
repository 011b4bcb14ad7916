namespace Dragline.Ipam.Store;

/// <summary>A backend that holds both allocation records and standalone objects (SQLite file, etcd cluster).</summary>
public interface IStateStore : IIpamStore, IObjectStore;

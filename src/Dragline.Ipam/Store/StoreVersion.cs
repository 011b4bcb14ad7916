namespace Dragline.Ipam.Store;

/// <summary>
/// An opaque version of a pool's allocation set, as a store reports it (etcd: a revision; SQLite: a
/// counter; Kubernetes: the SpiderIPPool <c>resourceVersion</c>). Only the store that issued it can
/// interpret it; callers compare it for equality and hand it back on commit.
/// </summary>
public readonly record struct StoreVersion(string Token)
{
    /// <summary>The version of a pool that has never been written.</summary>
    public static StoreVersion None { get; } = new("");

    public override string ToString() => Token.Length == 0 ? "(none)" : Token;
}

namespace Dragline.Ipam.Store;

/// <summary>What happened to an object.</summary>
public enum ObjectChangeType
{
    /// <summary>Created or updated.</summary>
    Put,

    /// <summary>Deleted; the change carries the object as it was last written.</summary>
    Delete,
}

namespace Dragline.Ipam.Store;

/// <summary>A list of objects and the store revision it was read at (start a watch after it).</summary>
public sealed record ObjectList(IReadOnlyList<StoredObject> Items, long Revision);

namespace Dragline.Ipam.Store;

/// <summary>
/// One conditional change to one address of a pool. The condition is per record, so changes to
/// different addresses never conflict with each other in a store that checks records one by one.
/// </summary>
public sealed record AllocationChange
{
    private AllocationChange(AllocationChangeKind kind, string ip, AllocationRecord? record, AllocationOwner? expectedOwner)
    {
        ArgumentException.ThrowIfNullOrEmpty(ip);
        Kind = kind;
        Ip = ip;
        Record = record;
        ExpectedOwner = expectedOwner;
    }

    public AllocationChangeKind Kind { get; }

    /// <summary>The address in canonical text form.</summary>
    public string Ip { get; }

    /// <summary>The record to write (<see cref="AllocationChangeKind.Reserve"/>, <see cref="AllocationChangeKind.Replace"/>).</summary>
    public AllocationRecord? Record { get; }

    /// <summary>The attachment that must hold the address now (<see cref="AllocationChangeKind.Release"/>, <see cref="AllocationChangeKind.Replace"/>).</summary>
    public AllocationOwner? ExpectedOwner { get; }

    /// <summary>Take <paramref name="record"/>'s address; conflicts when anyone holds it.</summary>
    public static AllocationChange Reserve(AllocationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AllocationChange(AllocationChangeKind.Reserve, record.Ip, record, null);
    }

    /// <summary>Free <paramref name="ip"/> if <paramref name="expectedOwner"/>'s attachment holds it; a no-op when nobody does; conflicts when another owner does.</summary>
    public static AllocationChange Release(string ip, AllocationOwner expectedOwner)
    {
        ArgumentNullException.ThrowIfNull(expectedOwner);
        return new AllocationChange(AllocationChangeKind.Release, ip, null, expectedOwner);
    }

    /// <summary>Hand an address held by <paramref name="expectedOwner"/> to <paramref name="record"/>'s owner; conflicts otherwise.</summary>
    public static AllocationChange Replace(AllocationOwner expectedOwner, AllocationRecord record)
    {
        ArgumentNullException.ThrowIfNull(expectedOwner);
        ArgumentNullException.ThrowIfNull(record);
        return new AllocationChange(AllocationChangeKind.Replace, record.Ip, record, expectedOwner);
    }
}

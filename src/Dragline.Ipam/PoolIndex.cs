using Dragline.Core.Net;
using Dragline.Ipam.Store;

namespace Dragline.Ipam;

/// <summary>
/// The batcher's copy of one pool's records, kept current from its own commits and from the store's change
/// reports (<see cref="IPoolChangeReader"/>) instead of re-reading and re-parsing every record for every batch:
/// the records by address, the addresses each attachment holds, and the taken addresses of each family as a
/// range set (so the lowest free address costs the number of ranges, never the size of the pool).
/// Only the batcher's drain loop touches it (one at a time), so it has no lock.
/// </summary>
internal sealed class PoolIndex
{
    private readonly Dictionary<string, AllocationRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AllocationRecord>> _byAttachment = new(StringComparer.Ordinal);
    private IpRangeSet _takenV4 = IpRangeSet.Empty(IpFamily.V4);
    private IpRangeSet _takenV6 = IpRangeSet.Empty(IpFamily.V6);

    private PoolIndex(StoreVersion version) => Version = version;

    /// <summary>
    /// The store version this copy is known to be exact at. After a commit that others may have preceded, it stays at the
    /// older version (the copy then holds the records of that version plus this agent's own changes), so the next change
    /// report covers the other writers' changes too.
    /// </summary>
    public StoreVersion Version { get; set; }

    public int Count => _records.Count;

    public static PoolIndex From(PoolAllocations snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = new PoolIndex(snapshot.Version);
        var v4 = new List<IpAddress>();
        var v6 = new List<IpAddress>();
        foreach (AllocationRecord record in snapshot.Records.Values)
        {
            if (!IpAddress.TryParse(record.Ip, out IpAddress ip))
            {
                continue; // Not an address: nothing to keep out of reach (the stores never write such keys).
            }

            index._records[record.Ip] = record;
            index.Attach(record);
            (ip.IsV4 ? v4 : v6).Add(ip);
        }

        index._takenV4 = IpRangeSet.FromAddresses(IpFamily.V4, v4);
        index._takenV6 = IpRangeSet.FromAddresses(IpFamily.V6, v6);
        return index;
    }

    /// <summary>The addresses of <paramref name="family"/> held by anyone.</summary>
    public IpRangeSet Taken(IpFamily family) => family == IpFamily.V4 ? _takenV4 : _takenV6;

    /// <summary>The address of <paramref name="family"/> that <paramref name="owner"/>'s attachment holds, if any.</summary>
    public IpAddress? HeldBy(AllocationOwner owner, IpFamily family)
    {
        if (_byAttachment.TryGetValue(AttachmentKey(owner), out List<AllocationRecord>? held))
        {
            foreach (AllocationRecord record in held)
            {
                if (IpAddress.TryParse(record.Ip, out IpAddress ip) && ip.Family == family)
                {
                    return ip;
                }
            }
        }

        return null;
    }

    /// <summary>Apply committed <paramref name="changes"/>.</summary>
    public void Apply(IEnumerable<AllocationChange> changes)
    {
        foreach (AllocationChange change in changes)
        {
            if (change.Kind == AllocationChangeKind.Release)
            {
                Remove(change.Ip);
            }
            else
            {
                Put(change.Record!);
            }
        }
    }

    /// <summary>Record that <paramref name="record"/> is what the store holds at its address now.</summary>
    public void Put(AllocationRecord record)
    {
        if (!IpAddress.TryParse(record.Ip, out IpAddress ip))
        {
            return;
        }

        if (_records.TryGetValue(record.Ip, out AllocationRecord? old))
        {
            Detach(old);
        }
        else if (ip.IsV4)
        {
            _takenV4 = _takenV4.Union(IpRangeSet.FromAddress(ip));
        }
        else
        {
            _takenV6 = _takenV6.Union(IpRangeSet.FromAddress(ip));
        }

        _records[record.Ip] = record;
        Attach(record);
    }

    /// <summary>Record that nobody holds <paramref name="ipText"/> now.</summary>
    public void Remove(string ipText)
    {
        if (!_records.Remove(ipText, out AllocationRecord? old))
        {
            return;
        }

        Detach(old);
        IpAddress ip = IpAddress.Parse(ipText);
        if (ip.IsV4)
        {
            _takenV4 = _takenV4.Except(IpRangeSet.FromAddress(ip));
        }
        else
        {
            _takenV6 = _takenV6.Except(IpRangeSet.FromAddress(ip));
        }
    }

    private static string AttachmentKey(AllocationOwner owner) => string.Concat(owner.IdentityKey, "\n", owner.ContainerId, "\n", owner.Interface);

    private void Attach(AllocationRecord record)
    {
        string key = AttachmentKey(record.Owner);
        if (!_byAttachment.TryGetValue(key, out List<AllocationRecord>? held))
        {
            held = new List<AllocationRecord>(1);
            _byAttachment.Add(key, held);
        }

        held.Add(record);
    }

    private void Detach(AllocationRecord record)
    {
        string key = AttachmentKey(record.Owner);
        if (_byAttachment.TryGetValue(key, out List<AllocationRecord>? held))
        {
            held.RemoveAll(r => r.Ip == record.Ip);
            if (held.Count == 0)
            {
                _byAttachment.Remove(key);
            }
        }
    }
}

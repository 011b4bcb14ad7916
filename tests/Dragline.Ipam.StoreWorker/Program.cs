using System.Globalization;
using Dragline.Ipam.Store;

// Usage: Dragline.Ipam.StoreWorker <db-path> <worker-name> <count> <pool-size>
// Reserves <count> addresses of pool "shared" (10.77.0.1 .. <pool-size>), always trying the lowest free one,
// and prints each address it won, one per line.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Dragline.Ipam.StoreWorker <db-path> <worker-name> <count> <pool-size>");
    return 2;
}

string path = args[0];
string worker = args[1];
int count = int.Parse(args[2], CultureInfo.InvariantCulture);
int poolSize = int.Parse(args[3], CultureInfo.InvariantCulture);
await using SqliteStore store = SqliteStore.Open(path);
for (int n = 0; n < count; n++)
{
    var owner = new AllocationOwner("default", $"{worker}-{n}", $"uid-{worker}-{n}", $"c-{worker}-{n}", "eth0", worker);
    while (true)
    {
        PoolAllocations pool = await store.ReadPoolAsync("shared");
        string? free = Enumerable.Range(1, poolSize).Select(i => $"10.77.{i / 256}.{i % 256}").FirstOrDefault(ip => !pool.Records.ContainsKey(ip));
        if (free is null)
        {
            Console.Error.WriteLine("pool exhausted");
            return 1;
        }

        CommitResult result = await store.CommitAsync("shared", pool.Version, [AllocationChange.Reserve(new AllocationRecord(free, owner, DateTimeOffset.UtcNow))]);
        if (result.IsCommitted)
        {
            Console.WriteLine(free);
            break;
        }
    }
}

return 0;

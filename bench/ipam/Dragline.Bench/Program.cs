using System.Diagnostics;
using System.Globalization;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Ipam;
using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Bench;

/// <summary>
/// The IPAM benchmark driver started by <c>bench/ipam/run.sh</c>. Commands:
/// <list type="bullet">
/// <item><c>throughput --store memory|sqlite --subnet CIDR</c>: allocations per second inside one engine (part c).</item>
/// <item><c>etcd --endpoints URL,URL,URL --agents N</c>: N engines on one etcd cluster, one pool (part d).</item>
/// <item><c>prefill --db PATH --pool NAME --subnet CIDR --range A-B --count N --node NODE</c>: N allocations written through the engine (part a).</item>
/// </list>
/// Every figure printed is one line <c>RESULT key=value ...</c> so the script can parse it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: Dragline.Bench throughput|etcd|prefill [--option value]...");
            return 2;
        }

        Dictionary<string, string> options = ParseOptions(args.AsSpan(1));
        try
        {
            return args[0] switch
            {
                "throughput" => await ThroughputAsync(options),
                "etcd" => await EtcdAsync(options),
                "prefill" => await PrefillAsync(options),
                _ => Usage($"unknown command '{args[0]}': use throughput, etcd or prefill"),
            };
        }
        catch (ArgumentException error)
        {
            return Usage(error.Message);
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"option '{args[i]}' must be '--name value'");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private static string Text(Dictionary<string, string> options, string name, string? fallback = null) =>
        options.TryGetValue(name, out string? value) ? value : fallback ?? throw new ArgumentException($"missing option --{name}");

    private static int Number(Dictionary<string, string> options, string name, int fallback)
    {
        if (!options.TryGetValue(name, out string? value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"--{name} '{value}' is not a positive whole number");
    }

    /// <summary>A pool over <paramref name="subnet"/>: the whole subnet but its first address (the gateway) and, for IPv4, the broadcast address.</summary>
    private static SpiderIPPool PoolFor(string name, string subnet)
    {
        var pool = new SpiderIPPool { Metadata = new ObjectMeta { Name = name } };
        pool.Spec.Subnet = subnet;
        pool.Spec.IPs = [RangeOf(subnet, out string gateway)];
        pool.Spec.Gateway = gateway;
        return pool;
    }

    private static string RangeOf(string subnet, out string gateway)
    {
        string[] parts = subnet.Split('/');
        var network = System.Net.IPAddress.Parse(parts[0]);
        int prefix = int.Parse(parts[1], CultureInfo.InvariantCulture);
        byte[] bytes = network.GetAddressBytes();
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        int bits = bytes.Length * 8;
        System.Numerics.BigInteger size = System.Numerics.BigInteger.One << (bits - prefix);
        System.Numerics.BigInteger last = value + size - (bytes.Length == 4 ? 2 : 1);
        gateway = ToAddress(value + 1, bytes.Length);
        return ToAddress(value + 2, bytes.Length) + "-" + ToAddress(last, bytes.Length);
    }

    private static string ToAddress(System.Numerics.BigInteger value, int length)
    {
        byte[] raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] bytes = new byte[length];
        raw.AsSpan().CopyTo(bytes.AsSpan(length - raw.Length));
        return new System.Net.IPAddress(bytes).ToString();
    }

    private static AllocationRequest Request(string id, string pool, bool v6) => new()
    {
        ContainerId = "c" + id,
        IfName = "net1",
        PodNamespace = "bench",
        PodName = "p" + id,
        PodUid = "u" + id,
        DefaultIPv4Pools = v6 ? [] : [pool],
        DefaultIPv6Pools = v6 ? [pool] : [],
    };

    private static ReleaseRequest Release(string id) => new() { ContainerId = "c" + id, IfName = "net1", PodUid = "u" + id };

    /// <summary>Runs <paramref name="count"/> operations with at most <paramref name="concurrency"/> in flight; returns the failures.</summary>
    private static async Task<int> RunConcurrentAsync(int count, int concurrency, Func<int, Task> operation)
    {
        int next = -1;
        int failures = 0;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    await operation(i);
                }
                catch (Exception error)
                {
                    if (Interlocked.Increment(ref failures) <= 3)
                    {
                        await Console.Error.WriteLineAsync($"allocation {i} failed: {error.GetType().Name}: {error.Message}");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        return failures;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    /// <summary>
    /// Part (c): per run, <c>batches</c> rounds of <c>batch</c> allocations (timed) followed by their releases
    /// (not timed, quarantine off so the addresses come back). The same batch size for every pool size, so a
    /// /24 and a /10 do the same work and only the pool's size differs.
    /// </summary>
    private static async Task<int> ThroughputAsync(Dictionary<string, string> options)
    {
        string storeKind = Text(options, "store");
        string subnet = Text(options, "subnet");
        int batch = Number(options, "batch", 200);
        int batches = Number(options, "batches", 20);
        int runs = Number(options, "runs", 5);
        int concurrency = Number(options, "concurrency", 32);
        bool v6 = subnet.Contains(':', StringComparison.Ordinal);
        string directory = Path.Combine(Path.GetTempPath(), "dragline-bench-" + Guid.NewGuid().ToString("N"));
        var rates = new List<double>();
        int failures = 0;
        long commits = 0;
        long committedChanges = 0;
        try
        {
            for (int run = 0; run < runs; run++)
            {
                IIpamStore store = storeKind switch
                {
                    "memory" => new InMemoryIpamStore(),
                    "sqlite" => SqliteStore.Open(Path.Combine(Directory.CreateDirectory(directory).FullName, $"run{run}.db")),
                    _ => throw new ArgumentException($"--store '{storeKind}' is not memory or sqlite"),
                };
                try
                {
                    var objects = new InMemoryIpamObjectSource().AddPool(PoolFor("bench", subnet));
                    var engine = new IpamEngine(store, objects, new IpamEngineOptions
                    {
                        NodeName = "bench-node",
                        ReleasedAddressQuarantine = TimeSpan.Zero,
                        CommitObserver = o =>
                        {
                            Interlocked.Increment(ref commits);
                            Interlocked.Add(ref committedChanges, o.Changes);
                        },
                    });
                    // Warm-up, untimed: one round like the timed ones, so the figures are those of a running agent
                    // (the JIT has compiled and re-optimised the paths; the pool is compiled) rather than of a cold start.
                    await RunConcurrentAsync(batch, concurrency, i => engine.AllocateAsync(Request($"warm{run}-{i}", "bench", v6)).AsTask());
                    await RunConcurrentAsync(batch, concurrency, i => engine.ReleaseAsync(Release($"warm{run}-{i}")).AsTask());
                    await Task.Delay(TimeSpan.FromMilliseconds(300));
                    long ticks = 0;
                    for (int b = 0; b < batches; b++)
                    {
                        string tag = $"{run}-{b}-";
                        long start = Stopwatch.GetTimestamp();
                        failures += await RunConcurrentAsync(batch, concurrency, i => engine.AllocateAsync(Request(tag + i, "bench", v6)).AsTask());
                        ticks += Stopwatch.GetTimestamp() - start;
                        failures += await RunConcurrentAsync(batch, concurrency, i => engine.ReleaseAsync(Release(tag + i)).AsTask());
                    }

                    double seconds = (double)ticks / Stopwatch.Frequency;
                    rates.Add(batch * batches / seconds);
                }
                finally
                {
                    await store.DisposeAsync();
                }
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT part=c store={storeKind} subnet={subnet} median_allocs_per_s={Median(rates):F0} runs={string.Join(',', rates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} failures={failures} mean_batch={(double)committedChanges / Math.Max(1, commits):F1}"));
        return 0;
    }

    /// <summary>Part (d): N engines, each with its own etcd client, allocate <c>count</c> addresses in total from one pool.</summary>
    private static async Task<int> EtcdAsync(Dictionary<string, string> options)
    {
        Uri[] endpoints = [.. Text(options, "endpoints").Split(',').Select(e => new Uri(e))];
        int agents = Number(options, "agents", 4);
        int count = Number(options, "count", 2000);
        int runs = Number(options, "runs", 5);
        int concurrency = Number(options, "concurrency", 32);
        string subnet = Text(options, "subnet", "10.96.0.0/16");
        var rates = new List<double>();
        int failures = 0;
        int duplicates = 0;
        long commits = 0;
        long refused = 0;
        long committedChanges = 0;
        for (int run = 0; run < runs; run++)
        {
            string prefix = "/bench-" + Guid.NewGuid().ToString("N");
            var objects = new InMemoryIpamObjectSource().AddPool(PoolFor("shared", subnet));
            EtcdStore[] stores = [.. Enumerable.Range(0, agents).Select(_ => new EtcdStore(new EtcdStoreOptions { Endpoints = endpoints, KeyPrefix = prefix }))];
            try
            {
                IpamEngine[] engines = [.. stores.Select((s, i) => new IpamEngine(s, objects, new IpamEngineOptions
                {
                    NodeName = "node" + i,
                    CommitObserver = o =>
                    {
                        Interlocked.Increment(ref o.Committed ? ref commits : ref refused);
                        Interlocked.Add(ref committedChanges, o.Committed ? o.Changes : 0);
                    },
                }))];
                // Warm-up: connect every client, compile the pool.
                for (int i = 0; i < agents; i++)
                {
                    await engines[i].AllocateAsync(Request($"warm{run}-{i}", "shared", v6: false));
                }

                var addresses = new System.Collections.Concurrent.ConcurrentBag<string>();
                long start = Stopwatch.GetTimestamp();
                // Every agent gets its share of the requests and runs them with its own concurrency, as agents on different nodes would.
                int[] perAgent = await Task.WhenAll(Enumerable.Range(0, agents).Select(a => RunConcurrentAsync(count / agents, concurrency, async i =>
                {
                    AllocationResult result = await engines[a].AllocateAsync(Request($"{run}-{a}-{i}", "shared", v6: false));
                    addresses.Add(result.Addresses[0].Address.ToString());
                })));
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                failures += perAgent.Sum();
                duplicates += addresses.Count - addresses.Distinct(StringComparer.Ordinal).Count();
                rates.Add(addresses.Count / seconds);
            }
            finally
            {
                foreach (EtcdStore store in stores)
                {
                    await store.DisposeAsync();
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT part=d agents={agents} count_per_run={count / agents * agents} median_allocs_per_s={Median(rates):F0} runs={string.Join(',', rates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} failures={failures} duplicate_addresses={duplicates} commits={commits} refused_commits={refused} mean_batch={(double)committedChanges / Math.Max(1, commits):F1}"));
        return 0;
    }

    /// <summary>Part (a): write <c>count</c> allocations into the agent's SQLite store through the engine, as the agent would.</summary>
    private static async Task<int> PrefillAsync(Dictionary<string, string> options)
    {
        string db = Text(options, "db");
        string poolName = Text(options, "pool");
        string subnet = Text(options, "subnet");
        int count = Number(options, "count", 4000);
        string node = Text(options, "node");
        await using SqliteStore store = SqliteStore.Open(db);
        var objects = new ObjectStoreIpamObjectSource(store);
        var engine = new IpamEngine(store, objects, new IpamEngineOptions { NodeName = node });
        long start = Stopwatch.GetTimestamp();
        int failures = await RunConcurrentAsync(count, 32, i => engine.AllocateAsync(Request("prefill-" + i, poolName, subnet.Contains(':', StringComparison.Ordinal))).AsTask());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT part=prefill count={count} failures={failures} seconds={Stopwatch.GetElapsedTime(start).TotalSeconds:F2}"));
        return failures == 0 ? 0 : 1;
    }
}

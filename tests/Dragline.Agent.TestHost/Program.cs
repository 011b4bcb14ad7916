using Dragline.Agent;
using Dragline.Ipam.Store;
using Dragline.Testing;
using Microsoft.Extensions.Logging;

// Usage: Dragline.Agent.TestHost crash-after-commit <node> <sqlite-file> <socket>
// Runs the node daemon on the SQLite file wrapped in CrashAfterCommitStore: the first allocation is committed,
// then the process SIGKILLs itself before the reply. Runs until killed.
if (args.Length != 4 || args[0] != "crash-after-commit" || !OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("usage: Dragline.Agent.TestHost crash-after-commit <node> <sqlite-file> <socket> (Linux only)");
    return 2;
}

using ILoggerFactory loggers = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Information)
    .AddSimpleConsole(o => o.SingleLine = true)
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddFilter("Microsoft", LogLevel.Warning));
await using var store = new CrashAfterCommitStore(SqliteStore.Open(args[2]));
await using NodeDaemon daemon = await NodeDaemon.StartAsync(store, new NodeDaemonOptions { NodeName = args[1], SocketPath = args[3], LoggerFactory = loggers });
await daemon.RunAsync(CancellationToken.None);
return 0;

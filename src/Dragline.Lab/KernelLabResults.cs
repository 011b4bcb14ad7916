namespace Dragline.Lab;

/// <summary>
/// Reads what the lab scenario (<see cref="KernelLabRunner.ScenarioName"/>) left in the kernel lab's results share:
/// the guest program's records (<c>lab-up.txt</c>), <c>rdma link</c> as each pod saw it, the ping lines and
/// ib_read_lat's output; and checks them (<see cref="Problems"/>).
/// </summary>
public static class KernelLabResults
{
    public static LabState Read(string resultsDirectory, string scenarioName, string consoleLog, List<string>? policyPlan = null)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        ArgumentNullException.ThrowIfNull(scenarioName);
        string rcFile = Path.Combine(resultsDirectory, scenarioName + ".rc");
        string logFile = Path.Combine(resultsDirectory, scenarioName + ".log");
        string log = File.Exists(logFile) ? File.ReadAllText(logFile) : "(no log)";
        if (!File.Exists(rcFile))
        {
            throw new LabException($"the lab scenario did not finish in the guest (no {rcFile}); console log {consoleLog}; the scenario's log:{Environment.NewLine}{Tail(log, 30)}");
        }

        string rc = File.ReadAllText(rcFile).Trim();
        if (rc != "0")
        {
            throw new LabException($"the lab scenario failed in the guest (exit {rc}); full log {logFile}, console log {consoleLog}; its last lines:{Environment.NewLine}{Tail(log, 30)}");
        }

        string data = Path.Combine(resultsDirectory, scenarioName + ".d");
        List<Dictionary<string, string?>> records = [.. ReadLines(Path.Combine(data, "lab-up.txt")).Select(ParseRecord)];
        var state = new LabState
        {
            Prefix = "dl-",
            StateDirectory = data,
            Store = "memory (Dragline's IPAM engine in the guest program; the guest is gone after the run)",
            FabricNamespace = "dl-fabric",
            Mode = "exclusive",
            RdmaNetnsMode = File.Exists(Path.Combine(data, "rdma-system.txt")) && File.ReadAllText(Path.Combine(data, "rdma-system.txt")).Contains("netns exclusive", StringComparison.Ordinal) ? "exclusive" : "shared",
            GuestConsoleLog = consoleLog,
            PolicyPlan = policyPlan ?? [],
        };
        foreach (Dictionary<string, string?> node in records.Where(r => r["kind"] == "lab-node"))
        {
            state.Nodes.Add(new LabNodeState { Name = Field(node, "name"), Namespace = Field(node, "netns"), AgentSocket = "", AgentLog = "" });
        }

        foreach (Dictionary<string, string?> record in records.Where(r => r["kind"] == "lab-pod"))
        {
            string[] pod = Field(record, "pod").Split('/', 2);
            string netns = Field(record, "netns");
            var attachment = new LabAttachmentState
            {
                Network = Field(record, "network"),
                InterfaceName = Field(record, "interface"),
                ContainerId = "",
                ConfigList = "",
                Added = true,
                Address = record.GetValueOrDefault("address"),
                Mac = record.GetValueOrDefault("mac"),
                Gateway = record.GetValueOrDefault("gateway"),
            };
            string linkFile = Path.Combine(data, $"rdma-link-{netns}.txt");
            List<LabRdmaLink> links = File.Exists(linkFile) ? LabRdmaLink.ParseRdmaLinkOutput(File.ReadAllText(linkFile)) : [];
            var podState = new LabPodState
            {
                Name = pod[^1],
                PodNamespace = pod.Length == 2 ? pod[0] : "default",
                Uid = "",
                Node = Field(record, "node"),
                NetworkNamespace = netns,
                RdmaDevice = record.GetValueOrDefault("rdma-device"),
                RdmaLinks = links,
                RdmaDevices = links.Count == 0 ? "none" : string.Join(", ", links.Select(l => $"{l.Device} ({l.Netdev ?? "-"}, {l.State ?? "-"})")),
            };
            podState.Attachments.Add(attachment);
            state.Pods.Add(podState);
            if (record.GetValueOrDefault("pool") is { } pool && !state.Pools.Contains(pool))
            {
                state.Pools.Add(pool);
            }
        }

        foreach (string line in ReadLines(Path.Combine(data, "ping.txt")))
        {
            // ping NETNS ADDRESS ok|failed [time=...]
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is not ["ping", string fromNetns, string address, string verdict, ..])
            {
                continue;
            }

            LabPodState? from = state.Pods.Find(p => p.NetworkNamespace == fromNetns);
            LabPodState? to = state.Pods.Find(p => p.Attachments.Exists(a => a.Address?.Split('/')[0] == address));
            state.Connectivity.Add(new LabPing(from?.Name ?? fromNetns, to?.Name ?? address, address, verdict == "ok", words.Length > 4 ? words[4].Replace('_', ' ') : verdict));
        }

        state.RdmaLatency = ReadLatency(data, state);
        return state;
    }

    /// <summary>
    /// What is wrong with a kernel lab's result: a pod that does not see exactly its own RDMA device over its own
    /// interface, an address or ping missing, no latency. Empty when the lab did what the seed's step 7 shows.
    /// </summary>
    public static List<string> Problems(LabState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var problems = new List<string>();
        if (state.Pods.Count < 2)
        {
            problems.Add($"the lab has {state.Pods.Count} pod(s); it needs two");
        }

        if (state.RdmaNetnsMode != "exclusive")
        {
            problems.Add($"the RDMA netns mode is {state.RdmaNetnsMode ?? "unknown"}, not exclusive");
        }

        foreach (LabPodState pod in state.Pods)
        {
            string interfaceName = pod.Attachments.FirstOrDefault()?.InterfaceName ?? "eth0";
            if (pod.RdmaLinks is not [LabRdmaLink only] || only.Device != pod.RdmaDevice || only.Netdev != interfaceName)
            {
                problems.Add($"pod {pod.Name} should see exactly its own RDMA device {pod.RdmaDevice} over {interfaceName}; rdma link shows: {(pod.RdmaLinks.Count == 0 ? "nothing" : string.Join(", ", pod.RdmaLinks.Select(l => $"{l.Device} netdev {l.Netdev}")))}");
            }

            if (pod.Attachments.Any(a => a.Address is null))
            {
                problems.Add($"pod {pod.Name} has no address");
            }
        }

        int expectedPings = state.Pods.Count * (state.Pods.Count - 1);
        if (state.Connectivity.Count != expectedPings || state.Connectivity.Any(p => !p.Success))
        {
            problems.Add($"{state.Connectivity.Count(p => p.Success)} of {expectedPings} pod pairs answer a ping");
        }

        if (state.RdmaLatency is null)
        {
            problems.Add("no ib_read_lat result");
        }

        return problems;
    }

    private static LabRdmaLatency? ReadLatency(string data, LabState state)
    {
        string output = Path.Combine(data, "ib_read_lat.txt");
        string pair = Path.Combine(data, "ib_read_lat.pair");
        if (!File.Exists(output) || !File.Exists(pair))
        {
            return null;
        }

        string[] names = File.ReadAllText(pair).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length != 5)
        {
            throw new LabException($"{pair} should hold 'CLIENT_NETNS CLIENT_DEVICE SERVER_NETNS SERVER_DEVICE SERVER_ADDRESS', found '{string.Join(' ', names)}'");
        }

        string text = File.ReadAllText(output);
        PerftestReport report;
        try
        {
            report = PerftestReport.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new LabException($"cannot read ib_read_lat's result in {output}: {ex.Message}", ex);
        }

        return new LabRdmaLatency
        {
            From = state.Pods.Find(p => p.NetworkNamespace == names[0])?.Name ?? names[0],
            FromDevice = names[1],
            To = state.Pods.Find(p => p.NetworkNamespace == names[2])?.Name ?? names[2],
            ToDevice = names[3],
            ToAddress = names[4],
            Bytes = (int)report["#bytes"],
            Iterations = (int)report["#iterations"],
            TypicalMicroseconds = report["t_typical[usec]"],
            AverageMicroseconds = report["t_avg[usec]"],
            MinimumMicroseconds = report["t_min[usec]"],
            MaximumMicroseconds = report["t_max[usec]"],
            Output = text,
        };
    }

    /// <summary>A guest program record "KIND key=value ..." ("-" is no value); the kind is under "kind".</summary>
    private static Dictionary<string, string?> ParseRecord(string line)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var record = new Dictionary<string, string?>(StringComparer.Ordinal) { ["kind"] = words.Length > 0 ? words[0] : "" };
        foreach (string word in words.Skip(1))
        {
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                string value = word[(equals + 1)..];
                record[word[..equals]] = value == "-" ? null : value;
            }
        }

        return record;
    }

    private static string Field(Dictionary<string, string?> record, string key) =>
        record.GetValueOrDefault(key) ?? throw new LabException($"the guest's {record["kind"]} record has no {key}");

    private static IEnumerable<string> ReadLines(string file) =>
        File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Trim().Length > 0) : throw new LabException($"the lab scenario left no {file}");

    private static string Tail(string text, int count) =>
        string.Join(Environment.NewLine, text.Split('\n').TakeLast(count));
}

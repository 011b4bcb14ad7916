using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dragline.Cni.Runtime;

/// <summary>
/// The runtime side of CNI: executes a network configuration list the way a container runtime does through libcni
/// (CNI spec, "Execution of network configuration lists"). ADD runs the plugins in order, each with the previous
/// plugin's result as <c>prevResult</c>, and returns the last result, which the caller caches. CHECK runs them in
/// order and DEL in reverse order, each with that cached result as <c>prevResult</c>. Plugins are found on
/// <see cref="CniPath"/> and started by an <see cref="ICniPluginLauncher"/>. Results are read as <see cref="CniResult"/>,
/// so a plugin that prints something else fails here, where its name is known, not in the next plugin.
/// </summary>
public sealed class CniConfigListExecutor
{
    /// <summary>libcni gives no limit; a plugin that hangs must not hang the caller forever.</summary>
    public static readonly TimeSpan PluginTimeout = TimeSpan.FromSeconds(30);

    private readonly ICniPluginLauncher _launcher;

    public CniConfigListExecutor(IReadOnlyList<string> cniPath, ICniPluginLauncher? launcher = null)
    {
        ArgumentNullException.ThrowIfNull(cniPath);
        CniPath = cniPath;
        _launcher = launcher ?? new ProcessCniPluginLauncher();
    }

    /// <summary>The directories searched for plugin binaries, in order; also passed to plugins as <c>CNI_PATH</c>.</summary>
    public IReadOnlyList<string> CniPath { get; }

    /// <summary>The plugin binary for <paramref name="type"/>, or null when none of <see cref="CniPath"/> has it.</summary>
    /// <exception cref="CniException">Code 7: <paramref name="type"/> is not a plain file name (it would escape the path).</exception>
    public string? TryFindPlugin(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Length == 0 || type.Contains('/', StringComparison.Ordinal) || type.StartsWith('.'))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"CNI plugin type '{type}' is not a plain file name; a type names a binary in one of {string.Join(":", CniPath)}");
        }

        return CniPath.Select(directory => Path.Combine(directory, type)).FirstOrDefault(File.Exists);
    }

    /// <summary>The plugin binary for <paramref name="type"/>.</summary>
    /// <exception cref="CniException">Code 7 when the type is not a plain file name; code 50 when no directory has it.</exception>
    public string FindPlugin(string type) =>
        TryFindPlugin(type) ?? throw new CniException(
            CniErrorCode.PluginNotAvailable,
            $"CNI plugin '{type}' not found in {string.Join(":", CniPath)}; put the plugin binary in one of those directories");

    /// <summary>
    /// Every plugin type <paramref name="configList"/> runs: each plugin's <c>type</c> and, after it, the <c>ipam.type</c>
    /// it delegates to (a runtime does not run the IPAM plugin itself, but the main plugin finds it on <c>CNI_PATH</c>).
    /// </summary>
    public static IReadOnlyList<string> PluginTypes(string configList)
    {
        using JsonDocument document = ParseList(configList);
        var types = new List<string>();
        foreach (JsonElement plugin in Plugins(document.RootElement, Name(document.RootElement)))
        {
            types.Add(TypeOf(plugin));
            if (plugin.TryGetProperty("ipam", out JsonElement ipam) && ipam.ValueKind == JsonValueKind.Object
                && ipam.TryGetProperty("type", out JsonElement ipamType) && ipamType.ValueKind == JsonValueKind.String && ipamType.GetString() is { Length: > 0 } delegated)
            {
                types.Add(delegated);
            }
        }

        return types.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>ADD: every plugin in order, each given the previous one's result; returns the last result (the one to cache).</summary>
    /// <exception cref="CniException">The list is invalid, a plugin is missing, failed (its own code and message), or printed no result.</exception>
    public CniResult Add(string configList, CniInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using JsonDocument document = ParseList(configList);
        ListHeader list = Header(document.RootElement);
        CniResult? previous = null;
        foreach (JsonElement plugin in Plugins(document.RootElement, list.Name))
        {
            string type = TypeOf(plugin);
            string stdout = Execute("ADD", type, PluginConfig(list, plugin, previous), invocation);
            previous = ReadResult(stdout, type, invocation);
        }

        return previous ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, $"the CNI configuration list '{list.Name}' has no plugins");
    }

    /// <summary>
    /// CHECK: every plugin in order, each given <paramref name="cachedResult"/> (the ADD's final result) as <c>prevResult</c>.
    /// Does nothing when the list sets <c>disableCheck</c>, as libcni.
    /// </summary>
    /// <exception cref="CniException">Code 1 when the list's version is older than 0.4.0 (it has no CHECK); a plugin's failure.</exception>
    public void Check(string configList, CniInvocation invocation, CniResult cachedResult)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(cachedResult);
        using JsonDocument document = ParseList(configList);
        ListHeader list = Header(document.RootElement);
        if (list.Version is { SupportsCheck: false } old)
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, $"the CNI configuration list '{list.Name}' has cniVersion {old}, which has no CHECK; CHECK needs 0.4.0 or later");
        }

        if (list.DisableCheck)
        {
            return;
        }

        foreach (JsonElement plugin in Plugins(document.RootElement, list.Name))
        {
            string type = TypeOf(plugin);
            _ = Execute("CHECK", type, PluginConfig(list, plugin, cachedResult), invocation);
        }
    }

    /// <summary>
    /// DEL: every plugin in reverse order, each given <paramref name="cachedResult"/> as <c>prevResult</c> (not before 0.4.0,
    /// which had none, as libcni). Every plugin is tried, so one failure does not leak what the others hold; the first
    /// failure is thrown at the end.
    /// </summary>
    public void Delete(string configList, CniInvocation invocation, CniResult? cachedResult)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using JsonDocument document = ParseList(configList);
        ListHeader list = Header(document.RootElement);
        CniResult? previous = list.Version is { SupportsCheck: false } ? null : cachedResult;
        List<JsonElement> plugins = Plugins(document.RootElement, list.Name);
        CniException? first = null;
        for (int i = plugins.Count - 1; i >= 0; i--)
        {
            try
            {
                string type = TypeOf(plugins[i]);
                _ = Execute("DEL", type, PluginConfig(list, plugins[i], previous), invocation);
            }
            catch (CniException ex)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    private sealed record ListHeader(string Name, string? CniVersionText, CniVersion? Version, bool DisableCheck);

    private static JsonDocument ParseList(string configList)
    {
        ArgumentNullException.ThrowIfNull(configList);
        try
        {
            JsonDocument document = JsonDocument.Parse(configList);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new CniException(CniErrorCode.DecodingFailure, "the CNI configuration list is not a JSON object");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"the CNI configuration list is not valid JSON: {ex.Message}", innerException: ex);
        }
    }

    private static string Name(JsonElement list) =>
        list.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } text
            ? text
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, "the CNI configuration list has no \"name\"; every network needs one");

    private static ListHeader Header(JsonElement list)
    {
        string name = Name(list);
        string? versionText = list.TryGetProperty("cniVersion", out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        CniVersion? version = CniVersion.TryParse(versionText, out CniVersion parsed) && parsed.IsSupported ? parsed : null;
        bool disableCheck = list.TryGetProperty("disableCheck", out JsonElement d) && d.ValueKind == JsonValueKind.True;
        return new ListHeader(name, versionText, version, disableCheck);
    }

    private static List<JsonElement> Plugins(JsonElement list, string name)
    {
        if (!list.TryGetProperty("plugins", out JsonElement plugins) || plugins.ValueKind != JsonValueKind.Array)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"the CNI configuration list '{name}' has no \"plugins\" array");
        }

        var found = new List<JsonElement>();
        foreach (JsonElement plugin in plugins.EnumerateArray())
        {
            if (plugin.ValueKind != JsonValueKind.Object)
            {
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"plugin {found.Count} of the CNI configuration list '{name}' is {plugin.ValueKind}, not an object");
            }

            found.Add(plugin);
        }

        return found;
    }

    private static string TypeOf(JsonElement plugin) =>
        plugin.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString() is { Length: > 0 } text
            ? text
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, $"a plugin configuration has no \"type\": {plugin.GetRawText()}");

    /// <summary>
    /// One plugin's stdin as libcni builds it: the list's <c>cniVersion</c> and <c>name</c>, the plugin's own keys, and
    /// <c>prevResult</c> in the list's version (what the plugin will parse it as).
    /// </summary>
    private static string PluginConfig(ListHeader list, JsonElement plugin, CniResult? prevResult)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (list.CniVersionText is not null)
            {
                writer.WriteString("cniVersion", list.CniVersionText);
            }

            writer.WriteString("name", list.Name);
            foreach (JsonProperty property in plugin.EnumerateObject())
            {
                if (!property.NameEquals("cniVersion") && !property.NameEquals("name") && !property.NameEquals("prevResult"))
                {
                    property.WriteTo(writer);
                }
            }

            if (prevResult is not null)
            {
                writer.WritePropertyName("prevResult");
                CniResult inListVersion = list.Version is { } version ? prevResult.ConvertTo(version) : prevResult;
                JsonSerializer.Serialize(writer, inListVersion, CniJsonContext.Output.CniResult);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static CniResult ReadResult(string stdout, string type, CniInvocation invocation)
    {
        string what = $"the ADD result of {type} for {Describe(invocation)}";
        try
        {
            using JsonDocument document = JsonDocument.Parse(stdout);
            return CniResult.Parse(document.RootElement, what);
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"{what} is not JSON ({ex.Message}): '{Truncate(stdout)}'", innerException: ex);
        }
    }

    private string Execute(string command, string type, string stdin, CniInvocation invocation)
    {
        string binary = FindPlugin(type);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = invocation.ContainerId,
            ["CNI_NETNS"] = invocation.NetnsPath,
            ["CNI_IFNAME"] = invocation.InterfaceName,
            ["CNI_ARGS"] = invocation.Args,
            ["CNI_PATH"] = string.Join(":", CniPath),
        };
        CniPluginOutcome outcome = _launcher.Launch(binary, environment, stdin, PluginTimeout);
        if (outcome.ExitCode == 0)
        {
            return outcome.Stdout;
        }

        // The spec's error JSON is on stdout; a plugin that crashed may have left only stderr.
        CniErrorResult? error = TryReadError(outcome.Stdout);
        string detail = error?.Msg ?? (outcome.Stdout.Trim().Length > 0 ? outcome.Stdout.Trim() : outcome.Stderr.Trim());
        CniErrorCode code = error is null ? CniErrorCode.Internal : (CniErrorCode)error.Code;
        throw new CniException(
            code,
            $"CNI {command} of {type} for {Describe(invocation)} failed (exit {outcome.ExitCode}{(error is null ? "" : $", code {error.Code}")}): {Truncate(detail)}",
            error?.Details);
    }

    private static CniErrorResult? TryReadError(string stdout)
    {
        if (stdout.Trim().Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(stdout, CniJsonContext.Default.CniErrorResult);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(CniInvocation invocation) => $"{invocation.PodNamespace}/{invocation.PodName} {invocation.InterfaceName}";

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}

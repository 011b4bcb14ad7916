using System.Text.Json;

namespace Dragline.Cni;

/// <summary>
/// Runs one CNI invocation: reads <c>CNI_*</c> and stdin, validates them the way the spec and the
/// reference library do, dispatches to an <see cref="ICniPlugin"/> and writes the result or the
/// spec's error JSON (<c>{"cniVersion","code","msg","details"}</c>) to stdout. Returns the exit
/// status: 0 on success, 1 on error.
/// </summary>
public sealed class CniPluginMain
{
    /// <summary>Stdin beyond this many bytes is refused (code 5): network configs are a few KiB.</summary>
    public const int MaxStdinBytes = 1024 * 1024;

    private readonly ICniPlugin _plugin;

    public CniPluginMain(ICniPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        _plugin = plugin;
    }

    /// <summary>Where errors and diagnostics that are not the CNI reply go (stderr in the plugin).</summary>
    public TextWriter? Diagnostics { get; init; }

    public async Task<int> RunAsync(Func<string, string?> getVariable, Stream stdin, Stream stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);

        CniVersion replyVersion = CniVersion.Latest;
        try
        {
            string? commandText = getVariable(CniEnvironment.CommandVariable);
            if (string.IsNullOrEmpty(commandText))
            {
                // Like the reference library: a person running the binary by hand gets a short note on stderr.
                if (Diagnostics is not null)
                {
                    await Diagnostics.WriteLineAsync(
                        $"{_plugin.Name}: a CNI plugin of Dragline; set CNI_COMMAND (ADD, DEL, CHECK, GC, STATUS, VERSION). " +
                        $"CNI protocol versions supported: {string.Join(", ", CniVersion.SupportedStrings())}").ConfigureAwait(false);
                }

                return 0;
            }

            if (CniEnvironment.TryParseCommand(commandText, out CniCommand early) && early == CniCommand.Version)
            {
                // VERSION ignores stdin (as the reference library does): it must answer even when stdin is a terminal.
                var info = new CniVersionInfo { CniVersion = CniVersion.Latest.ToString(), SupportedVersions = CniVersion.SupportedStrings() };
                await WriteAsync(stdout, JsonSerializer.SerializeToUtf8Bytes(info, CniJsonContext.Output.CniVersionInfo), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            if (!CniEnvironment.TryParseCommand(commandText, out _))
            {
                // Reads and reports the command problem with code 4.
                _ = CniEnvironment.Read(getVariable);
            }

            byte[] input = await ReadBoundedAsync(stdin, cancellationToken).ConfigureAwait(false);
            CniNetworkConfig config = CniNetworkConfig.Parse(input);
            CniVersion version = NegotiateVersion(config);
            replyVersion = version;

            CniEnvironment environment = CniEnvironment.Read(getVariable);
            ValidateNetworkName(config.Name);
            RequireCommandInVersion(environment.Command, version);

            var request = new CniRequest { Environment = environment, Config = config, Version = version };
            switch (environment.Command)
            {
                case CniCommand.Add:
                    CniResult result = await _plugin.AddAsync(request, cancellationToken).ConfigureAwait(false);
                    CniResult converted = result.ConvertTo(version);
                    await WriteAsync(stdout, JsonSerializer.SerializeToUtf8Bytes(converted, CniJsonContext.Output.CniResult), cancellationToken).ConfigureAwait(false);
                    break;
                case CniCommand.Del:
                    await _plugin.DeleteAsync(request, cancellationToken).ConfigureAwait(false);
                    break;
                case CniCommand.Check:
                    await _plugin.CheckAsync(request, cancellationToken).ConfigureAwait(false);
                    break;
                case CniCommand.Gc:
                    await _plugin.GarbageCollectAsync(request, cancellationToken).ConfigureAwait(false);
                    break;
                case CniCommand.Status:
                    await _plugin.StatusAsync(request, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_COMMAND {commandText} is not handled");
            }

            return 0;
        }
        catch (CniException ex)
        {
            return await FailAsync(stdout, replyVersion, ex.Code, ex.Message, ex.Details).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(stdout, replyVersion, CniErrorCode.TryAgainLater, $"{_plugin.Name} was cancelled: {ex.Message}", null).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The process boundary: every failure must leave as the spec's error JSON.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (Diagnostics is not null)
            {
                await Diagnostics.WriteLineAsync($"{_plugin.Name}: internal error: {ex}").ConfigureAwait(false);
            }

            return await FailAsync(stdout, replyVersion, CniErrorCode.Internal, $"{_plugin.Name} internal error: {ex.GetType().Name}: {ex.Message}", null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The version a configuration asks for: <c>cniVersion</c>, or when absent the highest supported
    /// entry of <c>cniVersions</c>. Code 1 when that is not supported or absent altogether (the spec
    /// reads a missing cniVersion as 0.1.0); code 6 when it is not major.minor.patch.
    /// </summary>
    public static CniVersion NegotiateVersion(CniNetworkConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string supported = string.Join(", ", CniVersion.SupportedStrings());
        if (!string.IsNullOrEmpty(config.CniVersion))
        {
            CniVersion version = CniVersion.Parse(config.CniVersion);
            if (!version.IsSupported)
            {
                throw new CniException(
                    CniErrorCode.IncompatibleVersion,
                    $"incompatible CNI versions: the configuration's cniVersion is \"{config.CniVersion}\"; this plugin supports {supported}",
                    $"config is \"{config.CniVersion}\", plugin supports [{supported}]");
            }

            return version;
        }

        if (config.CniVersions is { Count: > 0 } list)
        {
            CniVersion? best = null;
            foreach (string text in list)
            {
                if (CniVersion.TryParse(text, out CniVersion v) && v.IsSupported && (best is null || v > best.Value))
                {
                    best = v;
                }
            }

            return best ?? throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"incompatible CNI versions: none of cniVersions [{string.Join(", ", list)}] is supported; this plugin supports {supported}");
        }

        throw new CniException(
            CniErrorCode.IncompatibleVersion,
            $"the network configuration has no cniVersion (which the spec reads as 0.1.0); set \"cniVersion\" to one of {supported}");
    }

    private static void ValidateNetworkName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "the network configuration has no \"name\"; every CNI network needs one");
        }

        if (!CniNames.IsValidIdentifier(name))
        {
            throw new CniException(
                CniErrorCode.InvalidNetworkConfig,
                $"network name \"{name}\" has invalid characters: it must start with a letter or digit, followed by letters, digits, '_', '.' or '-'");
        }
    }

    private static void RequireCommandInVersion(CniCommand command, CniVersion version)
    {
        if (command == CniCommand.Check && !version.SupportsCheck)
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, $"config version {version} does not allow CHECK (it needs 0.4.0 or later)");
        }

        if (command is CniCommand.Gc or CniCommand.Status && !version.SupportsGcAndStatus)
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"config version {version} does not allow {CniEnvironment.CommandName(command)} (it needs 1.1.0 or later)");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            while (true)
            {
                int n = await stdin.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + n > MaxStdinBytes)
                {
                    throw new CniException(
                        CniErrorCode.IoFailure,
                        $"the network configuration on stdin is larger than {MaxStdinBytes} bytes; refusing to read more");
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (IOException ex)
        {
            throw new CniException(CniErrorCode.IoFailure, $"error reading the network configuration from stdin: {ex.Message}", innerException: ex);
        }
    }

    private static async Task<int> FailAsync(Stream stdout, CniVersion version, CniErrorCode code, string message, string? details)
    {
        var error = new CniErrorResult { CniVersion = version.ToString(), Code = (int)code, Msg = message, Details = details };
        try
        {
            await WriteAsync(stdout, JsonSerializer.SerializeToUtf8Bytes(error, CniJsonContext.Output.CniErrorResult), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // stdout is gone; the exit status still tells the runtime it failed.
        }

        return 1;
    }

    private static async Task WriteAsync(Stream stdout, byte[] json, CancellationToken cancellationToken)
    {
        await stdout.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

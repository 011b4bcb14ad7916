namespace Dragline.Cni;

/// <summary>
/// The <c>CNI_*</c> environment of one invocation. <see cref="Read"/> takes a lookup function so
/// tests need not touch the process environment.
/// </summary>
public sealed class CniEnvironment
{
    public const string CommandVariable = "CNI_COMMAND";
    public const string ContainerIdVariable = "CNI_CONTAINERID";
    public const string NetNsVariable = "CNI_NETNS";
    public const string IfNameVariable = "CNI_IFNAME";
    public const string ArgsVariable = "CNI_ARGS";
    public const string PathVariable = "CNI_PATH";

    public required CniCommand Command { get; init; }

    public string? ContainerId { get; init; }

    public string? NetNs { get; init; }

    public string? IfName { get; init; }

    public CniArgs Args { get; init; } = CniArgs.Empty;

    /// <summary>The directories of <c>CNI_PATH</c>, empty entries dropped.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>
    /// Parses the command name ("ADD", "DEL", "CHECK", "VERSION", "GC", "STATUS"; exact, upper case as
    /// the spec writes them). Returns false for anything else.
    /// </summary>
    public static bool TryParseCommand(string? text, out CniCommand command)
    {
        switch (text)
        {
            case "ADD": command = CniCommand.Add; return true;
            case "DEL": command = CniCommand.Del; return true;
            case "CHECK": command = CniCommand.Check; return true;
            case "VERSION": command = CniCommand.Version; return true;
            case "GC": command = CniCommand.Gc; return true;
            case "STATUS": command = CniCommand.Status; return true;
            default: command = default; return false;
        }
    }

    /// <summary>The spec's name of a command.</summary>
    public static string CommandName(CniCommand command) => command switch
    {
        CniCommand.Add => "ADD",
        CniCommand.Del => "DEL",
        CniCommand.Check => "CHECK",
        CniCommand.Version => "VERSION",
        CniCommand.Gc => "GC",
        CniCommand.Status => "STATUS",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a CNI command"),
    };

    /// <summary>
    /// Reads and validates the environment for the command in <c>CNI_COMMAND</c>. Every failure is
    /// code 4 and names the variables: a missing or unknown command; for ADD and CHECK a missing
    /// CNI_CONTAINERID, CNI_NETNS or CNI_IFNAME; for DEL a missing CNI_CONTAINERID or CNI_IFNAME;
    /// a container ID or interface name the spec does not allow; a malformed CNI_ARGS.
    /// <c>CNI_PATH</c> is optional for every command (the spec lists it so; an IPAM plugin execs nothing).
    /// </summary>
    public static CniEnvironment Read(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? commandText = getVariable(CommandVariable);
        if (string.IsNullOrEmpty(commandText))
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "required environment variable CNI_COMMAND is missing");
        }

        if (!TryParseCommand(commandText, out CniCommand command))
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"CNI_COMMAND \"{commandText}\" is not a CNI command; use ADD, DEL, CHECK, GC, STATUS or VERSION");
        }

        string? containerId = Blank(getVariable(ContainerIdVariable));
        string? netNs = Blank(getVariable(NetNsVariable));
        string? ifName = Blank(getVariable(IfNameVariable));

        var missing = new List<string>();
        bool needsAttachment = command is CniCommand.Add or CniCommand.Check or CniCommand.Del;
        if (needsAttachment && containerId is null)
        {
            missing.Add(ContainerIdVariable);
        }

        if (command is CniCommand.Add or CniCommand.Check && netNs is null)
        {
            missing.Add(NetNsVariable);
        }

        if (needsAttachment && ifName is null)
        {
            missing.Add(IfNameVariable);
        }

        if (missing.Count > 0)
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"required environment variables [{string.Join(",", missing)}] missing for CNI_COMMAND {commandText}");
        }

        if (containerId is not null && !CniNames.IsValidIdentifier(containerId))
        {
            throw new CniException(
                CniErrorCode.InvalidEnvironment,
                $"CNI_CONTAINERID \"{containerId}\" has invalid characters: it must start with a letter or digit, followed by letters, digits, '_', '.' or '-'");
        }

        if (ifName is not null && CniNames.InterfaceNameProblem(ifName) is { } problem)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_IFNAME \"{ifName}\" is not a valid interface name: {problem}");
        }

        return new CniEnvironment
        {
            Command = command,
            ContainerId = containerId,
            NetNs = netNs,
            IfName = ifName,
            Args = CniArgs.Parse(getVariable(ArgsVariable)),
            Path = (getVariable(PathVariable) ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using System.IO.Compression;
using Dragline.Core;

namespace Dragline.Linux.Discovery;

/// <summary>
/// The filesystem root that hardware discovery reads: sysfs at <c>ROOT/sys</c>, procfs at
/// <c>ROOT/proc</c>, modprobe configuration at <c>ROOT/etc/modprobe.d</c>, device nodes at
/// <c>ROOT/dev</c>. <c>/</c> on a real host; a fixture tree in tests. Every path handed to the
/// methods here is relative to the root (<c>sys/class/net</c>), and symbolic links are followed the
/// way the kernel follows them, but never out of the root.
/// </summary>
public sealed class HostRoot
{
    private const int MaxLinkHops = 40;

    public HostRoot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DraglineException(
                DraglineErrorReason.NotFound,
                $"The root '{path}' is not a folder: pass / for this host, or a folder that holds sys/ and proc/ like a captured or fixture tree.");
        }

        Path = full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>The root of the running host.</summary>
    public static HostRoot Live { get; } = new("/");

    /// <summary>The absolute path of the root folder, without a trailing slash (except <c>/</c>).</summary>
    public string Path { get; }

    /// <summary>Whether this is the running host's own root, where live calls (netlink) describe the same host.</summary>
    public bool IsLive => Path == "/";

    /// <summary>The absolute path of <paramref name="relative"/> under the root.</summary>
    public string Combine(string relative) =>
        Path == "/" ? "/" + relative.TrimStart('/') : Path + "/" + relative.TrimStart('/');

    /// <summary>How a relative path reads on the host it describes: <c>sys/class/net</c> → <c>/sys/class/net</c>.</summary>
    public static string Display(string relative) => "/" + relative.TrimStart('/');

    public bool Exists(string relative)
    {
        string full = Combine(relative);
        return File.Exists(full) || Directory.Exists(full);
    }

    public bool DirectoryExists(string relative) => Directory.Exists(Combine(relative));

    /// <summary>The whole text of a file, or null when it is missing or unreadable (sysfs answers EINVAL for some attributes of down links).</summary>
    public string? ReadText(string relative)
    {
        try
        {
            return File.ReadAllText(Combine(relative));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The text of a one-value attribute file with surrounding whitespace removed; null when missing, unreadable or empty.</summary>
    public string? ReadValue(string relative)
    {
        string? text = ReadText(relative)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A decimal integer attribute (<c>numa_node</c>, <c>mtu</c>); null when missing or not a number.</summary>
    public long? ReadInteger(string relative) =>
        long.TryParse(ReadValue(relative), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long value) ? value : null;

    /// <summary>A hex attribute with or without <c>0x</c> (<c>vendor</c>, <c>class</c>, <c>lid</c>); null when missing or not hex.</summary>
    public ulong? ReadHex(string relative)
    {
        string? text = ReadValue(relative);
        if (text is null)
        {
            return null;
        }

        ReadOnlySpan<char> digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        return ulong.TryParse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out ulong value) ? value : null;
    }

    /// <summary>
    /// The text of a gzip-compressed file (<c>/proc/config.gz</c>), or null when missing or unreadable.
    /// </summary>
    public string? ReadGzipText(string relative)
    {
        try
        {
            using FileStream file = File.OpenRead(Combine(relative));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The raw target of a symbolic link, or null when the path is not a link.</summary>
    public string? ReadLink(string relative)
    {
        try
        {
            return new FileInfo(Combine(relative)).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The last component of a link's target: the driver name of <c>driver</c>, the PCI address of <c>physfn</c>.</summary>
    public string? ReadLinkName(string relative)
    {
        string? target = ReadLink(relative);
        return target is null ? null : System.IO.Path.GetFileName(target.TrimEnd('/'));
    }

    /// <summary>
    /// The names in a folder, sorted ordinally; empty when the folder is missing. Symbolic links to
    /// folders (the entries of <c>/sys/class/net</c>) are listed like folders.
    /// </summary>
    public IReadOnlyList<string> List(string relative)
    {
        try
        {
            string[] names = Directory.GetFileSystemEntries(Combine(relative))
                .Select(e => System.IO.Path.GetFileName(e))
                .ToArray();
            Array.Sort(names, StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// The canonical path of <paramref name="relative"/>, relative to the root, with every symbolic
    /// link resolved from the folder that really holds it (as the kernel does; .NET's own link
    /// resolution would resolve <c>sys/class/net/eth0/device</c> from <c>sys/class/net</c>).
    /// Absolute link targets are taken inside the root; <c>..</c> never climbs above it.
    /// </summary>
    public string ResolvePath(string relative)
    {
        var resolved = new List<string>();
        var pending = new LinkedList<string>(Split(relative));
        int hops = 0;
        while (pending.First is { } node)
        {
            string part = node.Value;
            pending.RemoveFirst();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(part);
            string? target = ReadLink(string.Join('/', resolved));
            if (target is null)
            {
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new DraglineException(
                    DraglineErrorReason.Malformed,
                    $"Too many symbolic links resolving '{Display(relative)}' under {Path}: the tree has a link loop.");
            }

            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            string[] targetParts = Split(target);
            for (int i = targetParts.Length - 1; i >= 0; i--)
            {
                pending.AddFirst(targetParts[i]);
            }
        }

        return string.Join('/', resolved);
    }

    public override string ToString() => Path;

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

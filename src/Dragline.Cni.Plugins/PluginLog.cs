using System.Globalization;
using System.Text;
using Dragline.Linux;
using Dragline.Linux.Files;

namespace Dragline.Cni.Plugins;

/// <summary>
/// The plugin's log file (Spiderpool's <c>log_file_*</c> settings): one line per event, appended
/// with a single <c>O_APPEND</c> write so concurrent plugin processes do not interleave within a line;
/// rotated by size into <c>path.1</c> … <c>path.N</c>, rotated files older than the maximum age removed.
/// </summary>
/// <remarks>
/// The runtime starts many plugin processes at once (a burst of pods), and each may find the file full.
/// Checking the size, rotating and appending happen under an exclusive <c>flock(2)</c> on <c>path.lock</c>
/// (a file that is never rotated), so two processes never both rotate (which moved a fresh file over
/// <c>path.1</c> and lost its lines) and no line lands in a file that is being renamed away. Logging never
/// fails a CNI operation: every I/O error here is swallowed, and without the lock a line is still appended,
/// only not rotated.
/// </remarks>
public sealed class PluginLog
{
    private readonly string? _path;
    private readonly PluginLogLevel _level;
    private readonly long _maxBytes;
    private readonly int _maxAgeDays;
    private readonly int _maxCount;
    private readonly string _prefix;

    public PluginLog(string? path, PluginLogLevel level, int maxSizeMegabytes, int maxAgeDays, int maxCount, string prefix)
        : this(path, level, maxSizeMegabytes <= 0 ? long.MaxValue : maxSizeMegabytes * 1024L * 1024L, maxAgeDays, maxCount, prefix)
    {
    }

    /// <summary>Takes the rotation size in bytes, so tests can rotate often without writing megabytes.</summary>
    internal PluginLog(string? path, PluginLogLevel level, long maxBytes, int maxAgeDays, int maxCount, string prefix)
    {
        _path = path;
        _level = level;
        _maxBytes = maxBytes;
        _maxAgeDays = maxAgeDays;
        _maxCount = maxCount;
        _prefix = prefix;
    }

    /// <summary>A log that writes nothing.</summary>
    public static PluginLog None { get; } = new(null, PluginLogLevel.Error, 0, 0, 0, string.Empty);

    public static bool TryParseLevel(string text, out PluginLogLevel level)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "DEBUG" or "TRACE": level = PluginLogLevel.Debug; return true;
            case "INFO": level = PluginLogLevel.Info; return true;
            case "WARN" or "WARNING": level = PluginLogLevel.Warn; return true;
            case "ERROR" or "FATAL" or "PANIC": level = PluginLogLevel.Error; return true;
            default: level = PluginLogLevel.Info; return false;
        }
    }

    public void Write(PluginLogLevel level, string message)
    {
        if (_path is null || level < _level)
        {
            return;
        }

        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {level.ToString().ToUpperInvariant()} {_prefix}{message.ReplaceLineEndings(" ")}\n");
        try
        {
            string? dir = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            using FileLock? held = TryLock();
            if (held is not null)
            {
                RotateIfNeeded();
            }

            AppendOnlyFile.Append(_path, Encoding.UTF8.GetBytes(line));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (LinuxException)
        {
        }
    }

    private FileLock? TryLock()
    {
        try
        {
            return FileLock.Acquire($"{_path}.lock");
        }
        catch (LinuxException)
        {
            return null; // e.g. a read-only directory for the lock file: append, but leave rotation to a writer that can lock
        }
    }

    private void RotateIfNeeded()
    {
        var info = new FileInfo(_path!);
        if (!info.Exists || info.Length < _maxBytes)
        {
            return;
        }

        int keep = Math.Max(_maxCount, 0);
        if (keep == 0)
        {
            File.Delete(_path!);
            return;
        }

        string oldest = $"{_path}.{keep}";
        if (File.Exists(oldest))
        {
            File.Delete(oldest);
        }

        for (int i = keep - 1; i >= 1; i--)
        {
            string from = $"{_path}.{i}";
            if (File.Exists(from))
            {
                File.Move(from, $"{_path}.{i + 1}", overwrite: true);
            }
        }

        File.Move(_path!, $"{_path}.1", overwrite: true);
        if (_maxAgeDays > 0)
        {
            DateTime cutoff = DateTime.UtcNow.AddDays(-_maxAgeDays);
            for (int i = 1; i <= keep; i++)
            {
                var rotated = new FileInfo($"{_path}.{i}");
                if (rotated.Exists && rotated.LastWriteTimeUtc < cutoff)
                {
                    rotated.Delete();
                }
            }
        }
    }
}

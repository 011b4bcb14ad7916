using System.Globalization;
using System.Text;

namespace Dragline.Cni.Plugins;

/// <summary>
/// The plugin's log file (Spiderpool's <c>log_file_*</c> settings): one line per event, appended
/// with a single write so concurrent plugin processes do not interleave within a line; rotated by
/// size into <c>path.1</c> … <c>path.N</c>, rotated files older than the maximum age removed.
/// Logging never fails a CNI operation: every I/O error here is swallowed.
/// </summary>
public sealed class PluginLog
{
    private readonly string? _path;
    private readonly PluginLogLevel _level;
    private readonly long _maxBytes;
    private readonly int _maxAgeDays;
    private readonly int _maxCount;
    private readonly string _prefix;

    public PluginLog(string? path, PluginLogLevel level, int maxSizeMegabytes, int maxAgeDays, int maxCount, string prefix)
    {
        _path = path;
        _level = level;
        _maxBytes = maxSizeMegabytes <= 0 ? long.MaxValue : maxSizeMegabytes * 1024L * 1024L;
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

            RotateIfNeeded();
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.Write(Encoding.UTF8.GetBytes(line));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
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

using System.Runtime.Versioning;
using Dragline.Core;

namespace Dragline.Ipam.Store;

/// <summary>
/// Keeps the store file and its <c>-wal</c> and <c>-shm</c> files at mode 0600: the records name every pod on the
/// host and the objects are the site's whole network configuration, so nobody but the store's owner reads or
/// writes them. A new file is created 0600 before SQLite opens it, and SQLite creates the <c>-wal</c> and
/// <c>-shm</c> files with the mode of the database file (os_unix.c, <c>findCreateFileMode</c> and
/// <c>unixOpenSharedMemory</c>). An existing file with any group or other bit is tightened rather than refused:
/// files made by older Dragline versions were 0644, and a store that stops opening after an upgrade helps nobody.
/// </summary>
internal static class SqliteFilePermissions
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    /// <summary>Create <paramref name="path"/> (empty, which SQLite reads as an empty database) at 0600, or tighten it and its companions.</summary>
    public static void Prepare(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix modes; the ACL of the directory decides.
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = Mode,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // It exists (perhaps another agent created it a moment ago): tightened below.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DraglineException(DraglineErrorReason.Unavailable,
                $"cannot create the SQLite store '{path}': {ex.Message}; run as a user that may write to its directory, or pick another path", ex);
        }

        foreach (string suffix in Companions)
        {
            Tighten(path + suffix);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void Tighten(string file)
    {
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(file);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        if ((mode & GroupOrOther) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(file, mode & ~GroupOrOther);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DraglineException(DraglineErrorReason.Unavailable,
                $"the SQLite store file '{file}' is readable by others (mode {Octal(mode)}) and cannot be made 0600: {ex.Message}; " +
                $"run 'chmod 600 {file}' as its owner, or open it as its owner or root", ex);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}

using Dragline.Core;

namespace Dragline.Ipam.Etcd;

/// <summary>
/// Reads etcd credentials from a <c>user:password</c> file (the store value's <c>user-file=</c>), so the password is
/// never on a command line or in a log. A file others can read is refused: the password would not be secret.
/// </summary>
public static class EtcdUserFile
{
    private const long MaxFileBytes = 1024 * 1024;

    public static (string User, string Password) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new DraglineException(DraglineErrorReason.NotFound, $"etcd user-file '{path}' does not exist; fix the user-file= parameter of the store");
            }

            if ((info.UnixFileMode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite)) != 0)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"etcd user-file '{path}' can be read or written by other users (mode {Convert.ToString((int)info.UnixFileMode, 8)}); run chmod 600 {path}");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"etcd user-file '{path}' has {info.Length} bytes, more than {MaxFileBytes}; it should hold one line user:password");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DraglineException(DraglineErrorReason.System, $"etcd user-file '{path}' could not be read ({ex.Message}); check its permissions", ex);
        }

        string line = text.TrimEnd('\r', '\n');
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == line.Length - 1 || line.Contains('\n', StringComparison.Ordinal))
        {
            // The content is not quoted: it may be a password.
            throw new DraglineException(DraglineErrorReason.Malformed, $"etcd user-file '{path}' is not one line user:password; write it as e.g. dragline:SECRET");
        }

        return (line[..colon], line[(colon + 1)..]);
    }
}

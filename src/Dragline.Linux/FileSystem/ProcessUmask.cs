using Dragline.Linux.Interop;

namespace Dragline.Linux.FileSystem;

/// <summary>
/// The process file-creation mask. It is process-wide, so a caller that narrows it for one file restores the
/// previous mask afterwards (see <see cref="NarrowAsync"/>) and does not race other narrowers in the same process.
/// </summary>
public static class ProcessUmask
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Sets the mask and returns the previous one.</summary>
    public static UnixFileMode Set(UnixFileMode mask) => (UnixFileMode)LibC.Umask((uint)mask);

    /// <summary>
    /// Runs <paramref name="work"/> with the mask set to <paramref name="mask"/> and restores the previous mask.
    /// Callers in one process are serialised, so two of them never restore each other's mask.
    /// </summary>
    public static async Task<T> NarrowAsync<T>(UnixFileMode mask, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        UnixFileMode previous = Set(mask);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Set(previous);
            Gate.Release();
        }
    }

    /// <summary>The mask that keeps group and others out of every file the process creates: 077.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
}

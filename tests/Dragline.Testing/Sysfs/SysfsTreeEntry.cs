namespace Dragline.Testing.Sysfs;

/// <summary>One entry of a fixture tree: a folder, a file with its content, or a link with its target.</summary>
public sealed record SysfsTreeEntry(SysfsTreeEntryKind Kind, string Path, string Content)
{
    public static SysfsTreeEntry Folder(string path) => new(SysfsTreeEntryKind.Folder, path, "");

    public static SysfsTreeEntry File(string path, string content) => new(SysfsTreeEntryKind.File, path, content);

    public static SysfsTreeEntry Link(string path, string target) => new(SysfsTreeEntryKind.Link, path, target);
}

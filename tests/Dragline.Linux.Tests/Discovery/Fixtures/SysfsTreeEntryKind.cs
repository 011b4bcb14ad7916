namespace Dragline.Linux.Tests.Discovery.Fixtures;

public enum SysfsTreeEntryKind
{
    Folder,
    File,
    Link,
}

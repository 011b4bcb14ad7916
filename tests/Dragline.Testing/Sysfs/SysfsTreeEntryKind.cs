namespace Dragline.Testing.Sysfs;

public enum SysfsTreeEntryKind
{
    Folder,
    File,
    Link,
}

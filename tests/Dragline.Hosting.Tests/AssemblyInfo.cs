// Unix sockets with file modes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The umask is process-wide: a test that sets it must not overlap one that creates files.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

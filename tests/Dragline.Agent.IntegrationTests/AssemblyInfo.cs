// Network namespaces, unix sockets with modes, signals: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

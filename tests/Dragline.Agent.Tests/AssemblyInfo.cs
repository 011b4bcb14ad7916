// The agent listens on unix sockets with file modes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

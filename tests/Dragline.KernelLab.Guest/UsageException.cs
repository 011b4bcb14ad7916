namespace Dragline.KernelLab.Guest;

/// <summary>A command line the guest program cannot run; exits 2 with the usage text.</summary>
internal sealed class UsageException(string message) : Exception(message);

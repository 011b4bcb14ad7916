namespace Dragline.Cni.Runtime;

/// <summary>How one plugin process ended: its exit status and what it printed (-1 when it was killed for running too long).</summary>
public sealed record CniPluginOutcome(int ExitCode, string Stdout, string Stderr);

namespace Dragline.Linux.Discovery;

/// <summary>One <c>name=value</c> of an <c>options MODULE ...</c> line in a modprobe.d file, with where it is.</summary>
public sealed record ModprobeOption(string Module, string Name, string Value, string File, int Line)
{
    /// <summary>Where the option is, for evidence: <c>/etc/modprobe.d/ib_core.conf:1</c>.</summary>
    public string Location => $"{File}:{Line}";
}

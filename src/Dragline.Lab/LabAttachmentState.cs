using Dragline.Cni;

namespace Dragline.Lab;

/// <summary>One CNI attachment of a pod: the rendered configuration list it was added with, and what the plugins returned.</summary>
public sealed class LabAttachmentState
{
    public required string Network { get; init; }
    public required string InterfaceName { get; init; }
    public required string ContainerId { get; init; }
    public required string ConfigList { get; init; }
    public bool Added { get; set; }
    public string? Address { get; set; }
    public string? Mac { get; set; }
    public string? Gateway { get; set; }
    public string? Error { get; set; }

    /// <summary>The final ADD result, kept as a runtime caches it: DEL gives it to every plugin as <c>prevResult</c>.</summary>
    public CniResult? Result { get; set; }
}

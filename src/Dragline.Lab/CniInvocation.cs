namespace Dragline.Lab;

/// <summary>The CNI_* environment of one attachment.</summary>
public sealed record CniInvocation(string ContainerId, string NetnsPath, string InterfaceName, string PodNamespace, string PodName, string PodUid);

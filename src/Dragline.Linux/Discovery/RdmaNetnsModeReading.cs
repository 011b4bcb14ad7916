namespace Dragline.Linux.Discovery;

/// <summary>A netns mode as read, with the raw value and where it was read, for evidence.</summary>
public sealed record RdmaNetnsModeReading(RdmaNetnsMode Mode, string RawValue, string Source);

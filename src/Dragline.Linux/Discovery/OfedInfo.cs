namespace Dragline.Linux.Discovery;

/// <summary>
/// NVIDIA MLNX_OFED / DOCA-OFED, recognised by its compatibility module <c>mlx_compat</c>; the
/// version is the <c>version</c> attribute of <c>mlx_compat</c> or <c>mlx5_core</c> (like <c>5.8-1.0.1</c>).
/// </summary>
public sealed record OfedInfo(string? VersionText, Version? Version, string Source);

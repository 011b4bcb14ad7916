namespace Dragline.Lab;

/// <summary>One cell of the connectivity matrix: <see cref="From"/> pinged <see cref="To"/> at <see cref="Address"/>.</summary>
public sealed record LabPing(string From, string To, string Address, bool Success, string Detail);

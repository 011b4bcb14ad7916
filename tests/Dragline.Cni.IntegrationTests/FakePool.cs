namespace Dragline.Cni.IntegrationTests;

/// <summary>A pool of <see cref="FakeAgent"/>: explicit addresses handed out lowest first.</summary>
public sealed record FakePool(string Name, int Version, int Prefix, string? Gateway, IReadOnlyList<string> Addresses);

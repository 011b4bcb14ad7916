namespace Dragline.Cni.IntegrationTests;

/// <summary>One HTTP request as <see cref="FakeAgent"/> received it.</summary>
public sealed record FakeAgentRequest(string Method, string Path, IReadOnlyDictionary<string, List<string>> Query, string Body);

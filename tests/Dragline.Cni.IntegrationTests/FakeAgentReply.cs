namespace Dragline.Cni.IntegrationTests;

/// <summary>What <see cref="FakeAgent"/> answers: a status and a JSON (or text) body.</summary>
public sealed record FakeAgentReply(int Status, string Body, string ContentType = "application/json");

using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>Source-generated JSON for the agent protocol; the agent server uses it too.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentAllocateRequest))]
[JsonSerializable(typeof(AgentAllocation))]
[JsonSerializable(typeof(AgentReleaseRequest))]
[JsonSerializable(typeof(AgentReleaseResponse))]
[JsonSerializable(typeof(AgentGcRequest))]
[JsonSerializable(typeof(AgentGcResponse))]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(AgentErrorResponse))]
public sealed partial class AgentJsonContext : JsonSerializerContext
{
}

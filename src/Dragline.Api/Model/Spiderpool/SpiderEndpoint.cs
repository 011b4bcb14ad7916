using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>The addresses of one pod (namespaced; name and namespace are the pod's).</summary>
public sealed class SpiderEndpoint : KubeObject
{
    public SpiderEndpoint()
    {
        ApiVersion = SpiderpoolApi.ApiVersion;
        Kind = "SpiderEndpoint";
    }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EndpointStatus? Status { get; set; }
}

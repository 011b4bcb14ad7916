using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>A pool of addresses (cluster-scoped), <c>spiderpool.spidernet.io/v2beta1</c>.</summary>
public sealed class SpiderIPPool : KubeObject
{
    public SpiderIPPool()
    {
        ApiVersion = SpiderpoolApi.ApiVersion;
        Kind = "SpiderIPPool";
    }

    [JsonPropertyName("spec")]
    public IPPoolSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IPPoolStatus? Status { get; set; }
}

using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Addresses no pool may hand out (cluster-scoped).</summary>
public sealed class SpiderReservedIP : KubeObject
{
    public SpiderReservedIP()
    {
        ApiVersion = SpiderpoolApi.ApiVersion;
        Kind = "SpiderReservedIP";
    }

    [JsonPropertyName("spec")]
    public ReservedIPSpec Spec { get; set; } = new();
}

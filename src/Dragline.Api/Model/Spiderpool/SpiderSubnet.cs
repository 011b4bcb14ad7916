using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>A subnet from which pools are carved (cluster-scoped).</summary>
public sealed class SpiderSubnet : KubeObject
{
    public SpiderSubnet()
    {
        ApiVersion = SpiderpoolApi.ApiVersion;
        Kind = "SpiderSubnet";
    }

    [JsonPropertyName("spec")]
    public SubnetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SubnetStatus? Status { get; set; }
}

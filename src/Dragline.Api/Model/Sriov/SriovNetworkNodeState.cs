using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Per-node SR-IOV state: spec rendered from policies, status reported by the node.</summary>
public sealed class SriovNetworkNodeState : KubeObject
{
    public SriovNetworkNodeState()
    {
        ApiVersion = SriovApi.ApiVersion;
        Kind = "SriovNetworkNodeState";
    }

    [JsonPropertyName("spec")]
    public SriovNetworkNodeStateSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SriovNetworkNodeStateStatus? Status { get; set; }
}

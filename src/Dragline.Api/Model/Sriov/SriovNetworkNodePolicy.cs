using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Desired SR-IOV configuration of selected NICs on selected nodes (namespaced), <c>sriovnetwork.openshift.io/v1</c>.</summary>
public sealed class SriovNetworkNodePolicy : KubeObject
{
    public SriovNetworkNodePolicy()
    {
        ApiVersion = SriovApi.ApiVersion;
        Kind = "SriovNetworkNodePolicy";
    }

    [JsonPropertyName("spec")]
    public SriovNetworkNodePolicySpec Spec { get; set; } = new();
}

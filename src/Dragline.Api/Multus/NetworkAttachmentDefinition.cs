using System.Text.Json.Serialization;
using Dragline.Api.Model;

namespace Dragline.Api.Multus;

/// <summary><c>k8s.cni.cncf.io/v1</c> NetworkAttachmentDefinition: the network Multus reads.</summary>
public sealed class NetworkAttachmentDefinition : KubeObject
{
    public const string ApiVersionValue = "k8s.cni.cncf.io/v1";
    public const string KindValue = "NetworkAttachmentDefinition";

    public NetworkAttachmentDefinition()
    {
        ApiVersion = ApiVersionValue;
        Kind = KindValue;
    }

    [JsonPropertyName("spec")]
    public NetworkAttachmentDefinitionSpec Spec { get; set; } = new();
}

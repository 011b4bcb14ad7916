using System.Text.Json.Serialization;
using Dragline.Api.Model;

namespace Dragline.Api.Multus;

/// <summary>
/// <c>spiderpool.spidernet.io/v2beta1</c> SpiderMultusConfig: one Multus network, rendered into a
/// NetworkAttachmentDefinition of the same namespace.
/// </summary>
public sealed class SpiderMultusConfig : KubeObject
{
    public const string ApiVersionValue = "spiderpool.spidernet.io/v2beta1";
    public const string KindValue = "SpiderMultusConfig";

    public SpiderMultusConfig()
    {
        ApiVersion = ApiVersionValue;
        Kind = KindValue;
    }

    [JsonPropertyName("spec")]
    public SpiderMultusConfigSpec Spec { get; set; } = new();
}

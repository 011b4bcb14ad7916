using System.Text.Json.Serialization;
using Dragline.Api.Model;

namespace Dragline.Api.Multus;

/// <summary><c>spiderpool.spidernet.io/v2beta1</c> SpiderCoordinator: the cluster-wide coordinator defaults (singleton <c>default</c>).</summary>
public sealed class SpiderCoordinator : KubeObject
{
    public const string ApiVersionValue = "spiderpool.spidernet.io/v2beta1";
    public const string KindValue = "SpiderCoordinator";

    public SpiderCoordinator()
    {
        ApiVersion = ApiVersionValue;
        Kind = KindValue;
    }

    [JsonPropertyName("spec")]
    public CoordinatorSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CoordinatorStatus? Status { get; set; }
}

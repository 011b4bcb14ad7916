using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>One entry of a pool's <c>status.allocatedIPs</c>: who holds the address.</summary>
public sealed class PoolIPAllocation
{
    /// <summary><c>namespace/name</c> of the pod (for KubeVirt, of the VM).</summary>
    [JsonPropertyName("pod")]
    public string Pod { get; set; } = "";

    [JsonPropertyName("podUid")]
    public string PodUid { get; set; } = "";
}

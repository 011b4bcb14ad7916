using System.Text.Json.Serialization;

namespace Dragline.Ipam.Etcd;

/// <summary>
/// The JSON value of one allocation key. <c>pod</c> and <c>podUid</c> are Spiderpool's
/// <c>allocatedIPs</c> entry keys; the rest are Dragline's additions (Spiderpool ignores unknown keys).
/// </summary>
internal sealed class EtcdAllocationValue
{
    [JsonPropertyName("pod")]
    public string Pod { get; set; } = "";

    [JsonPropertyName("podUid")]
    public string PodUid { get; set; } = "";

    [JsonPropertyName("containerID")]
    public string ContainerId { get; set; } = "";

    [JsonPropertyName("nic")]
    public string Nic { get; set; } = "";

    [JsonPropertyName("node")]
    public string Node { get; set; } = "";

    /// <summary>The CNI network that made the allocation; absent (empty) in older records, which GC never releases.</summary>
    [JsonPropertyName("network")]
    public string Network { get; set; } = "";

    [JsonPropertyName("allocatedAt")]
    public DateTimeOffset AllocatedAt { get; set; }
}

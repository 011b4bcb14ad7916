using System.Text.Json;
using System.Text.Json.Serialization;
using Dragline.Api.Serialization;
using Dragline.Core;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Status of a <see cref="SpiderIPPool"/>.</summary>
public sealed class IPPoolStatus
{
    /// <summary>
    /// A JSON <b>string</b> holding an object keyed by bare IP, e.g.
    /// <c>{"172.18.40.10":{"pod":"default/app","podUid":"4009..."}}</c>; absent when nothing is allocated.
    /// Use <see cref="ParseAllocatedIPs"/> and <see cref="FormatAllocatedIPs"/>.
    /// </summary>
    [JsonPropertyName("allocatedIPs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AllocatedIPs { get; set; }

    /// <summary>|ips − excludeIPs|; reserved IPs are not subtracted.</summary>
    [JsonPropertyName("totalIPCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalIPCount { get; set; }

    [JsonPropertyName("allocatedIPCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AllocatedIPCount { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>The records of <see cref="AllocatedIPs"/>, keyed by bare IP; empty when absent.</summary>
    /// <exception cref="DraglineException">The string is not the expected JSON object.</exception>
    public SortedDictionary<string, PoolIPAllocation> ParseAllocatedIPs()
    {
        if (string.IsNullOrWhiteSpace(AllocatedIPs))
        {
            return new SortedDictionary<string, PoolIPAllocation>(StringComparer.Ordinal);
        }

        try
        {
            Dictionary<string, PoolIPAllocation>? parsed = JsonSerializer.Deserialize(AllocatedIPs, ApiJsonContext.Default.DictionaryStringPoolIPAllocation);
            return new SortedDictionary<string, PoolIPAllocation>(parsed ?? [], StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new DraglineException(
                DraglineErrorReason.Malformed,
                $"status.allocatedIPs is not a JSON object of IP → {{\"pod\",\"podUid\"}}: {ex.Message}",
                ex);
        }
    }

    /// <summary>
    /// Encodes records as Spiderpool does (compact JSON, keys in byte order as Go's encoder sorts map keys);
    /// null for no records, so the field disappears.
    /// </summary>
    public static string? FormatAllocatedIPs(IReadOnlyDictionary<string, PoolIPAllocation> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return null;
        }

        var sorted = new SortedDictionary<string, PoolIPAllocation>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, PoolIPAllocation> pair in records)
        {
            sorted.Add(pair.Key, pair.Value);
        }

        return JsonSerializer.Serialize(sorted, ApiJsonContext.Default.SortedDictionaryStringPoolIPAllocation);
    }
}

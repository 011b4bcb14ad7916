using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>
/// The network configuration a plugin reads on stdin. A delegated (IPAM) plugin gets its parent's
/// whole configuration; the plugin's own section (<c>ipam</c>) and capability data
/// (<c>runtimeConfig</c>, <c>args</c>) stay raw JSON for the plugin to read with precise errors.
/// Keys the spec does not name are kept in <see cref="AdditionalProperties"/>.
/// </summary>
public sealed class CniNetworkConfig
{
    public const string ValidAttachmentsKey = "cni.dev/valid-attachments";

    /// <summary>The key libcni also writes, by mistake (containernetworking/cni #1101); GC reads both.</summary>
    public const string LegacyAttachmentsKey = "cni.dev/attachments";

    [JsonPropertyName("cniVersion")]
    public string? CniVersion { get; init; }

    [JsonPropertyName("cniVersions")]
    public IReadOnlyList<string>? CniVersions { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("disableCheck")]
    public bool? DisableCheck { get; init; }

    [JsonPropertyName("disableGC")]
    public bool? DisableGc { get; init; }

    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, bool>? Capabilities { get; init; }

    [JsonPropertyName("ipam")]
    public JsonElement? Ipam { get; init; }

    [JsonPropertyName("dns")]
    public CniDns? Dns { get; init; }

    [JsonPropertyName("runtimeConfig")]
    public JsonElement? RuntimeConfig { get; init; }

    [JsonPropertyName("args")]
    public JsonElement? Args { get; init; }

    [JsonPropertyName("prevResult")]
    public JsonElement? PrevResult { get; init; }

    [JsonPropertyName(ValidAttachmentsKey)]
    public IReadOnlyList<CniAttachment>? ValidAttachments { get; init; }

    [JsonPropertyName(LegacyAttachmentsKey)]
    public IReadOnlyList<CniAttachment>? LegacyAttachments { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// The attachments a GC must keep: the union of <c>cni.dev/valid-attachments</c> and
    /// <c>cni.dev/attachments</c>, duplicates removed, first-seen order. Null when neither key is
    /// present (a GC without the list must not release anything).
    /// </summary>
    public IReadOnlyList<CniAttachment>? GetGcValidAttachments()
    {
        if (ValidAttachments is null && LegacyAttachments is null)
        {
            return null;
        }

        var seen = new HashSet<(string, string)>();
        var all = new List<CniAttachment>();
        foreach (CniAttachment a in (ValidAttachments ?? []).Concat(LegacyAttachments ?? []))
        {
            if (seen.Add((a.ContainerId, a.IfName)))
            {
                all.Add(a);
            }
        }

        return all;
    }

    /// <summary>The previous result (DEL and CHECK), or null when the runtime sent none.</summary>
    public CniResult? GetPrevResult()
    {
        if (PrevResult is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return CniResult.Parse(element, "prevResult");
    }

    /// <summary>
    /// Decodes a configuration. Throws code 6 (naming the JSON error and its position) when the
    /// bytes are not a JSON object of this shape.
    /// </summary>
    public static CniNetworkConfig Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "the network configuration on stdin is empty; expected a JSON object");
        }

        try
        {
            return JsonSerializer.Deserialize(json, CniJsonContext.Default.CniNetworkConfig)
                ?? throw new CniException(CniErrorCode.DecodingFailure, "the network configuration on stdin is JSON null; expected an object");
        }
        catch (JsonException ex)
        {
            throw new CniException(
                CniErrorCode.DecodingFailure,
                $"the network configuration on stdin is not valid: {ex.Message}",
                innerException: ex);
        }
    }
}

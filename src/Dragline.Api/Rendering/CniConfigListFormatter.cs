using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dragline.Api.Multus;

namespace Dragline.Api.Rendering;

/// <summary>
/// Prints a network's CNI configuration as a container runtime reads it from <c>/etc/cni/net.d</c>:
/// a <c># file name</c> line, then the configuration as indented JSON with its keys in rendered order.
/// </summary>
public static class CniConfigListFormatter
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The file name a runtime would load the network from: <c>NAME.conflist</c> for a plugin list,
    /// <c>NAME.conf</c> for a single plugin (a custom network may be either).
    /// </summary>
    public static string FileName(NetworkAttachmentDefinition nad)
    {
        ArgumentNullException.ThrowIfNull(nad);
        string name = nad.Metadata.Name ?? "network";
        return IsList(nad.Spec.Config) ? $"{name}.conflist" : $"{name}.conf";
    }

    /// <summary>The header line and the indented configuration; a network without configuration says so in the header.</summary>
    public static string Format(NetworkAttachmentDefinition nad)
    {
        ArgumentNullException.ThrowIfNull(nad);
        string? config = nad.Spec.Config;
        if (string.IsNullOrEmpty(config))
        {
            return $"# {nad.Metadata.Namespace}/{nad.Metadata.Name}: no CNI configuration (custom network with empty customCNI; Multus uses its default)\n";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (JsonDocument document = JsonDocument.Parse(config))
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            document.RootElement.WriteTo(writer);
        }

        return $"# {FileName(nad)}\n{Encoding.UTF8.GetString(buffer.WrittenSpan)}\n";
    }

    private static bool IsList(string? config)
    {
        if (string.IsNullOrEmpty(config))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(config);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("plugins", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

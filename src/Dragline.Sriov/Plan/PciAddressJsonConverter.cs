using System.Text.Json;
using System.Text.Json.Serialization;
using Dragline.Core.Hardware;

namespace Dragline.Sriov.Plan;

/// <summary>Writes a PCI address as its canonical text <c>0000:86:00.0</c>.</summary>
public sealed class PciAddressJsonConverter : JsonConverter<PciAddress>
{
    public override PciAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PciAddress.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, PciAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

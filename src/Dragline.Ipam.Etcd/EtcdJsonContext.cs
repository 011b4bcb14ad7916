using System.Text.Json.Serialization;

namespace Dragline.Ipam.Etcd;

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(EtcdAllocationValue))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;

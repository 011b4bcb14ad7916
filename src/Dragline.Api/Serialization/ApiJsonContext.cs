using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Model.Sriov;

namespace Dragline.Api.Serialization;

/// <summary>Source-generated JSON contracts of the Spiderpool and SR-IOV operator models (AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(SpiderIPPool))]
[JsonSerializable(typeof(SpiderSubnet))]
[JsonSerializable(typeof(SpiderReservedIP))]
[JsonSerializable(typeof(SpiderEndpoint))]
[JsonSerializable(typeof(SriovNetworkNodePolicy))]
[JsonSerializable(typeof(SriovNetworkNodeState))]
[JsonSerializable(typeof(LabelSelector))]
[JsonSerializable(typeof(Route))]
[JsonSerializable(typeof(Dictionary<string, PoolIPAllocation>))]
[JsonSerializable(typeof(SortedDictionary<string, PoolIPAllocation>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ApiJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization.Metadata;

namespace Dragline.Api.Serialization;

/// <summary>One kind the codec reads into a typed model.</summary>
/// <param name="ApiVersion">Group/version as written in manifests, e.g. <c>spiderpool.spidernet.io/v2beta1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>SpiderIPPool</c>.</param>
/// <param name="TypeInfo">Source-generated JSON contract of the model class.</param>
/// <param name="Namespaced">Whether objects of this kind live in a namespace.</param>
/// <param name="ShortName">kubectl short name, if any (<c>sp</c>).</param>
public sealed record KindInfo(string ApiVersion, string Kind, JsonTypeInfo TypeInfo, bool Namespaced, string? ShortName = null)
{
    /// <summary>The model class.</summary>
    public Type ClrType => TypeInfo.Type;
}

namespace Dragline.Ipam.Objects;

/// <summary>A kind the standalone object store holds, with the names kubectl accepts for it.</summary>
/// <param name="ApiVersion">Group/version, e.g. <c>spiderpool.spidernet.io/v2beta1</c>, or <c>v1</c> for core kinds.</param>
/// <param name="Kind">The kind, which is also the store's key (<c>SpiderIPPool</c>).</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="Plural">The resource name (<c>spiderippools</c>).</param>
/// <param name="ShortNames">kubectl short names (<c>sp</c>).</param>
public sealed record ObjectKind(string ApiVersion, string Kind, bool Namespaced, string Plural, IReadOnlyList<string> ShortNames)
{
    /// <summary>True for core kinds stored as their raw JSON (Namespace, Pod, Node): only their metadata matters.</summary>
    public bool IsCore => ApiVersion == "v1";

    /// <summary>The API group (<c>spiderpool.spidernet.io</c>), empty for core kinds.</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>kubectl's lower-case resource reference in messages: <c>spiderippool.spiderpool.spidernet.io/name</c>.</summary>
    public string Reference(string name) => Group.Length == 0 ? $"{Kind.ToLowerInvariant()}/{name}" : $"{Kind.ToLowerInvariant()}.{Group}/{name}";
}

namespace Dragline.Api.Serialization;

/// <summary>A field the model does not know, e.g. a typo such as <c>spec.ipss</c>.</summary>
/// <param name="Path">JSON path from the object root: <c>spec.ipss</c>, <c>spec.routes[0].via</c>.</param>
/// <param name="Line">1-based line in the source, when known.</param>
public sealed record UnknownField(string Path, int? Line);

namespace Dragline.Api.Serialization;

/// <summary>A document of a known kind whose fields have the wrong JSON types (e.g. <c>numVfs: "12"</c>).</summary>
/// <param name="Path">JSON path of the offending field (<c>spec.numVfs</c>), or empty when unknown.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Line">1-based line in the source, when known.</param>
public sealed record ManifestDecodeError(string Path, string Message, int? Line);

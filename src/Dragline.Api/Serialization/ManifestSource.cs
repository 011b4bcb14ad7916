namespace Dragline.Api.Serialization;

/// <summary>Where a document came from.</summary>
/// <param name="Name">File path, <c>-</c> for standard input, or a caller-given name.</param>
/// <param name="DocumentIndex">0-based index of the YAML document in the stream (<c>---</c> separated).</param>
/// <param name="Line">1-based line where the object starts.</param>
/// <param name="ItemIndex">Index inside a <c>kind: List</c> document, or null.</param>
public sealed record ManifestSource(string Name, int DocumentIndex, int Line, int? ItemIndex = null)
{
    public override string ToString() => ItemIndex is null
        ? $"{Name}:{Line} (document {DocumentIndex})"
        : $"{Name}:{Line} (document {DocumentIndex}, item {ItemIndex})";
}

using Dragline.Core;

namespace Dragline.Api.Serialization;

/// <summary>A manifest is not valid YAML or JSON. The message reads <c>file:line:column: what is wrong</c>.</summary>
public sealed class ManifestSyntaxException : DraglineException
{
    public ManifestSyntaxException(string source, int line, int column, string detail, Exception? innerException = null)
        : base(DraglineErrorReason.Malformed, $"{source}:{line}:{column}: {detail}", innerException)
    {
        SourceName = source;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>The file name, <c>-</c> for standard input, or the name given by the caller.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }
}

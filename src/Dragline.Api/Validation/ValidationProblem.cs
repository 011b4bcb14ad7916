namespace Dragline.Api.Validation;

/// <summary>One thing wrong with an object.</summary>
/// <param name="ObjectName"><c>Kind/namespace/name</c> or <c>Kind/name</c> (<see cref="Model.KubeObject.DisplayName"/>).</param>
/// <param name="FieldPath">JSON path of the field, e.g. <c>spec.gateway</c> or <c>spec.ips[1]</c>; empty for the whole object.</param>
/// <param name="Message">What is wrong; upstream's text where upstream has one.</param>
/// <param name="Severity">Error (rejected) or warning (accepted).</param>
public sealed record ValidationProblem(string ObjectName, string FieldPath, string Message, ValidationSeverity Severity = ValidationSeverity.Error)
{
    /// <summary><c>Kind/ns/name: field.path: message</c>, the line <c>dragline validate</c> prints.</summary>
    public override string ToString()
    {
        string prefix = Severity == ValidationSeverity.Warning ? "warning: " : "";
        return FieldPath.Length == 0
            ? $"{prefix}{ObjectName}: {Message}"
            : $"{prefix}{ObjectName}: {FieldPath}: {Message}";
    }
}

namespace Dragline.Api.Validation;

/// <summary>How bad a <see cref="ValidationProblem"/> is.</summary>
public enum ValidationSeverity
{
    /// <summary>The API server (webhook) would reject the object.</summary>
    Error,

    /// <summary>Accepted, but probably not what the author meant.</summary>
    Warning,
}

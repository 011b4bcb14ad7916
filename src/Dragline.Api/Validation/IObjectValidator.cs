using Dragline.Api.Model;

namespace Dragline.Api.Validation;

/// <summary>
/// Defaulting and validation of one kind, as its mutating and validating webhooks do. Implement
/// <see cref="ObjectValidator{T}"/> rather than this interface directly.
/// </summary>
public interface IObjectValidator
{
    /// <summary>The model class this validator handles.</summary>
    Type ObjectType { get; }

    /// <summary>Fills in defaults in place (the mutating webhook). Must tolerate invalid input: leave what it cannot interpret.</summary>
    void ApplyDefaults(KubeObject obj, ValidationContext context);

    /// <summary>
    /// Judges the (defaulted) object. <paramref name="oldObject"/> is the stored version for an update, null for a create.
    /// </summary>
    void Validate(KubeObject obj, KubeObject? oldObject, ValidationContext context, ValidationProblemCollector problems);
}

using Dragline.Api.Model;

namespace Dragline.Api.Validation;

/// <summary>Typed base of a kind's defaulting and validation.</summary>
public abstract class ObjectValidator<T> : IObjectValidator
    where T : KubeObject
{
    public Type ObjectType => typeof(T);

    public void ApplyDefaults(KubeObject obj, ValidationContext context) => ApplyDefaults((T)obj, context);

    public void Validate(KubeObject obj, KubeObject? oldObject, ValidationContext context, ValidationProblemCollector problems) =>
        Validate((T)obj, oldObject as T, context, problems);

    /// <summary>Fills in defaults in place; leaves values it cannot interpret for <see cref="Validate(T, T, ValidationContext, ValidationProblemCollector)"/> to report.</summary>
    protected abstract void ApplyDefaults(T obj, ValidationContext context);

    /// <summary>Reports every problem of <paramref name="obj"/>; <paramref name="oldObject"/> is set on update.</summary>
    protected abstract void Validate(T obj, T? oldObject, ValidationContext context, ValidationProblemCollector problems);
}

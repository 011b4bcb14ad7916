using Dragline.Api.Model;

namespace Dragline.Api.Validation;

/// <summary>Collects the problems of one object; validators add to it with a field path and a message.</summary>
public sealed class ValidationProblemCollector
{
    private readonly List<ValidationProblem> _problems;

    public ValidationProblemCollector(KubeObject subject, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(problems);
        Subject = subject;
        _problems = problems;
    }

    /// <summary>The object being judged.</summary>
    public KubeObject Subject { get; }

    /// <summary>Whether any error has been added for this object so far.</summary>
    public bool HasErrors { get; private set; }

    public void Error(string fieldPath, string message)
    {
        HasErrors = true;
        _problems.Add(new ValidationProblem(Subject.DisplayName, fieldPath, message, ValidationSeverity.Error));
    }

    public void Warning(string fieldPath, string message) =>
        _problems.Add(new ValidationProblem(Subject.DisplayName, fieldPath, message, ValidationSeverity.Warning));
}

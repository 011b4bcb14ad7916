using Dragline.Api.Validation;

namespace Dragline.Ipam.Objects;

/// <summary>
/// The outcome of <see cref="StoredObjects.ApplyAsync"/>: either every object was written (one kubectl-style
/// line each, <c>spiderippool.spiderpool.spidernet.io/pool-a created</c>) or, when any object has an
/// error, nothing was written and <see cref="Problems"/> says why. Warnings come with a success too.
/// </summary>
public sealed record ApplyResult(IReadOnlyList<string> Lines, IReadOnlyList<ValidationProblem> Problems)
{
    public bool Succeeded => !Problems.Any(p => p.Severity == ValidationSeverity.Error);
}

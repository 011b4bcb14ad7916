namespace Dragline.Core.Net;

/// <summary>
/// A CIDR was written with host bits set where a canonical prefix is required (Spiderpool's
/// <c>unformatted subnet %s, please change it to %s</c>). Carries both spellings so a webhook can quote them.
/// </summary>
public sealed class NonCanonicalCidrException : DraglineException
{
    /// <summary>Creates the exception for <paramref name="written"/>, whose canonical form is <paramref name="canonical"/>.</summary>
    public NonCanonicalCidrException(string written, IpCidr canonical)
        : base(DraglineErrorReason.InvalidValue, $"unformatted subnet {written}, please change it to {canonical}")
    {
        Written = written;
        Canonical = canonical;
    }

    /// <summary>The CIDR text as the user wrote it.</summary>
    public string Written { get; }

    /// <summary>The canonical CIDR (host bits cleared).</summary>
    public IpCidr Canonical { get; }

    /// <summary>The canonical CIDR as text, e.g. <c>10.0.0.0/24</c>.</summary>
    public string CanonicalText => Canonical.ToString();
}

using System.Globalization;

namespace Dragline.Cni;

/// <summary>
/// A CNI specification version ("major.minor.patch"). Dragline speaks 0.3.0, 0.3.1, 0.4.0, 1.0.0
/// and 1.1.0; 0.1.0 and 0.2.0 had a different result shape and are refused with code 1.
/// </summary>
public readonly record struct CniVersion(int Major, int Minor, int Patch) : IComparable<CniVersion>
{
    public static readonly CniVersion V0_3_0 = new(0, 3, 0);
    public static readonly CniVersion V0_3_1 = new(0, 3, 1);
    public static readonly CniVersion V0_4_0 = new(0, 4, 0);
    public static readonly CniVersion V1_0_0 = new(1, 0, 0);
    public static readonly CniVersion V1_1_0 = new(1, 1, 0);

    /// <summary>The versions Dragline's plugins accept, oldest first.</summary>
    public static IReadOnlyList<CniVersion> Supported { get; } = [V0_3_0, V0_3_1, V0_4_0, V1_0_0, V1_1_0];

    /// <summary>The newest version Dragline implements.</summary>
    public static CniVersion Latest => V1_1_0;

    /// <summary>True for a version in <see cref="Supported"/>.</summary>
    public bool IsSupported => Supported.Contains(this);

    /// <summary>Results up to 0.4.0 carry <c>ips[].version</c>; 1.0.0 removed it.</summary>
    public bool ResultHasIpVersionField => this < V1_0_0;

    /// <summary>CHECK and prevResult on DEL exist from 0.4.0 on.</summary>
    public bool SupportsCheck => this >= V0_4_0;

    /// <summary>GC and STATUS exist from 1.1.0 on.</summary>
    public bool SupportsGcAndStatus => this >= V1_1_0;

    /// <summary>
    /// Parses "major.minor.patch" (each a non-negative decimal integer). Throws a
    /// <see cref="CniException"/> with code 6 (decode failure) naming the value otherwise.
    /// </summary>
    public static CniVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out CniVersion version))
        {
            return version;
        }

        throw new CniException(
            CniErrorCode.DecodingFailure,
            $"cniVersion \"{text}\" is not a version of the form major.minor.patch (for example \"1.0.0\")");
    }

    public static bool TryParse(string? text, out CniVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string[] parts = text.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        for (int i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || parts[i].Length > 9 || !parts[i].All(char.IsAsciiDigit)
                || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new CniVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public int CompareTo(CniVersion other)
    {
        int c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    public static bool operator <(CniVersion left, CniVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(CniVersion left, CniVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(CniVersion left, CniVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CniVersion left, CniVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    /// <summary>The supported versions as the strings a VERSION reply lists.</summary>
    public static IReadOnlyList<string> SupportedStrings() => Supported.Select(v => v.ToString()).ToArray();
}

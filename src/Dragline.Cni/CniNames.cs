namespace Dragline.Cni;

/// <summary>Validation of the identifiers the spec constrains (container ID, interface and network names).</summary>
public static class CniNames
{
    /// <summary>The kernel's IFNAMSIZ less the terminating NUL.</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>
    /// A container ID or network name: an ASCII letter or digit, then letters, digits, '_', '.' or '-'.
    /// </summary>
    public static bool IsValidIdentifier(string? value)
    {
        if (string.IsNullOrEmpty(value) || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Why <paramref name="name"/> is not a valid Linux interface name, or null when it is:
    /// 1–15 bytes, not "." or "..", without '/', ':' or whitespace.
    /// </summary>
    public static string? InterfaceNameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxInterfaceNameLength)
        {
            return $"it is longer than {MaxInterfaceNameLength} characters";
        }

        if (name is "." or "..")
        {
            return "\".\" and \"..\" are not interface names";
        }

        foreach (char c in name)
        {
            if (c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c) || c > 0x7e)
            {
                return $"it contains '{c}', which interface names may not contain";
            }
        }

        return null;
    }
}

namespace Dragline.Core.Hardware;

/// <summary>Strict hex helpers shared by the hardware identifier types.</summary>
internal static class HexText
{
    /// <summary>Reads exactly <paramref name="digits"/> hex digits (either case) at the start of <paramref name="s"/>.</summary>
    public static bool TryReadFixed(ReadOnlySpan<char> s, int digits, out ulong value)
    {
        value = 0;
        if (s.Length < digits)
        {
            return false;
        }

        for (int k = 0; k < digits; k++)
        {
            char c = s[k];
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }

            value = (value << 4) | (uint)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }

        return true;
    }

    /// <summary>
    /// Reads two-digit hex bytes separated by one separator, <c>aa:bb:cc</c> or <c>aa-bb-cc</c> (one kind throughout).
    /// Returns the byte count, or -1 when the text is malformed or longer than <paramref name="destination"/>.
    /// </summary>
    public static int TryReadSeparatedBytes(ReadOnlySpan<char> s, Span<byte> destination, ReadOnlySpan<char> allowedSeparators)
    {
        if (s.Length < 2 || (s.Length + 1) % 3 != 0)
        {
            return -1;
        }

        int count = (s.Length + 1) / 3;
        if (count > destination.Length)
        {
            return -1;
        }

        char separator = count > 1 ? s[2] : '\0';
        if (count > 1 && !allowedSeparators.Contains(separator))
        {
            return -1;
        }

        for (int k = 0; k < count; k++)
        {
            int at = k * 3;
            if (!TryReadFixed(s[at..], 2, out ulong b))
            {
                return -1;
            }

            if (k < count - 1 && s[at + 2] != separator)
            {
                return -1;
            }

            destination[k] = (byte)b;
        }

        return count;
    }

    /// <summary>Lower-case <c>aa:bb:cc</c>.</summary>
    public static string FormatColonBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[(bytes.Length * 3) - 1];
        for (int k = 0; k < bytes.Length; k++)
        {
            if (k > 0)
            {
                buffer[(k * 3) - 1] = ':';
            }

            bytes[k].TryFormat(buffer[(k * 3)..], out _, "x2", null);
        }

        return new string(buffer);
    }
}

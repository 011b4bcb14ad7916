namespace Dragline.Core.Net;

/// <summary>Strict text parsing and canonical formatting of IP addresses, shared by the IP types.</summary>
internal static class IpText
{
    public const int MaxV6Length = 45;

    /// <summary>Dotted-quad IPv4: four decimal octets 0-255, no leading zeros, nothing else.</summary>
    public static bool TryParseV4(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        int i = 0;
        for (int octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (i >= s.Length || s[i] != '.')
                {
                    return false;
                }

                i++;
            }

            int start = i;
            int v = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i - start == 3)
                {
                    return false;
                }

                v = (v * 10) + (s[i] - '0');
                i++;
            }

            int length = i - start;
            if (length == 0 || v > 255 || (length > 1 && s[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | (uint)v;
        }

        return i == s.Length;
    }

    /// <summary>
    /// IPv6 text per RFC 4291 section 2.2: groups of one to four hex digits, at most one <c>::</c>,
    /// optionally a dotted-quad IPv4 tail. No zone id, no brackets, no spaces.
    /// </summary>
    public static bool TryParseV6(ReadOnlySpan<char> s, out UInt128 value)
    {
        value = UInt128.Zero;
        if (s.Length < 2)
        {
            return false;
        }

        Span<ushort> groups = stackalloc ushort[8];
        int count = 0;
        int ellipsis = -1;
        int i = 0;
        if (s[0] == ':')
        {
            if (s[1] != ':')
            {
                return false;
            }

            ellipsis = 0;
            i = 2;
        }

        while (i < s.Length)
        {
            if (count == 8)
            {
                return false;
            }

            int start = i;
            int v = 0;
            while (i < s.Length && i - start < 4 && char.IsAsciiHexDigit(s[i]))
            {
                v = (v << 4) | HexValue(s[i]);
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                // An IPv4 tail fills the last two groups and must end the text.
                if (count > 6 || !TryParseV4(s[start..], out uint v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                i = s.Length;
                break;
            }

            groups[count++] = (ushort)v;
            if (i == s.Length)
            {
                break;
            }

            if (s[i] != ':')
            {
                return false;
            }

            i++;
            if (i < s.Length && s[i] == ':')
            {
                if (ellipsis >= 0)
                {
                    return false;
                }

                ellipsis = count;
                i++;
            }
            else if (i == s.Length)
            {
                return false;
            }
        }

        if (ellipsis < 0)
        {
            if (count != 8)
            {
                return false;
            }
        }
        else
        {
            // "::" stands for at least one zero group.
            if (count > 7)
            {
                return false;
            }

            int tail = count - ellipsis;
            for (int k = 0; k < tail; k++)
            {
                groups[7 - k] = groups[count - 1 - k];
            }

            for (int k = ellipsis; k < 8 - tail; k++)
            {
                groups[k] = 0;
            }
        }

        UInt128 result = UInt128.Zero;
        for (int k = 0; k < 8; k++)
        {
            result = (result << 16) | groups[k];
        }

        value = result;
        return true;
    }

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    public static string FormatV4(uint value) =>
        string.Create(null, stackalloc char[15], $"{value >> 24}.{(value >> 16) & 0xff}.{(value >> 8) & 0xff}.{value & 0xff}");

    /// <summary>RFC 5952: lower case, no leading zeros, the longest (first on a tie) run of two or more zero groups as <c>::</c>, IPv4-mapped as <c>::ffff:a.b.c.d</c>.</summary>
    public static string FormatV6(UInt128 value)
    {
        if (value >> 32 == 0xffff)
        {
            return "::ffff:" + FormatV4((uint)(value & uint.MaxValue));
        }

        Span<ushort> groups = stackalloc ushort[8];
        for (int k = 0; k < 8; k++)
        {
            groups[k] = (ushort)(value >> (16 * (7 - k)));
        }

        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8;)
        {
            if (groups[k] != 0)
            {
                k++;
                continue;
            }

            int start = k;
            while (k < 8 && groups[k] == 0)
            {
                k++;
            }

            if (k - start > bestLength)
            {
                bestStart = start;
                bestLength = k - start;
            }
        }

        Span<char> buffer = stackalloc char[MaxV6Length];
        int n = 0;
        for (int k = 0; k < 8; k++)
        {
            if (k == bestStart)
            {
                buffer[n++] = ':';
                buffer[n++] = ':';
                k += bestLength - 1;
                continue;
            }

            if (k > 0 && k != bestStart + bestLength)
            {
                buffer[n++] = ':';
            }

            groups[k].TryFormat(buffer[n..], out int written, "x", null);
            n += written;
        }

        return new string(buffer[..n]);
    }
}

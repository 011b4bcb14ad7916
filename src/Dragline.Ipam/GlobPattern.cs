namespace Dragline.Ipam;

/// <summary>Shell wildcards as Spiderpool matches pool names (Go <c>filepath.Match</c>): <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>[^a]</c>, <c>\x</c>.</summary>
internal static class GlobPattern
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") >= 0;

    public static bool IsMatch(string pattern, string name) => Match(pattern.AsSpan(), name.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (pattern.Length > 0)
        {
            char p = pattern[0];
            if (p == '*')
            {
                ReadOnlySpan<char> rest = pattern.TrimStart('*');
                for (int i = 0; i <= name.Length; i++)
                {
                    if (Match(rest, name[i..]))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (name.Length == 0)
            {
                return false;
            }

            if (p == '?')
            {
                pattern = pattern[1..];
                name = name[1..];
                continue;
            }

            if (p == '[')
            {
                int close = pattern[1..].IndexOf(']');
                if (close < 0)
                {
                    return false; // Malformed class matches nothing.
                }

                ReadOnlySpan<char> set = pattern.Slice(1, close);
                bool negate = set.Length > 0 && (set[0] == '^' || set[0] == '!');
                if (negate)
                {
                    set = set[1..];
                }

                bool found = false;
                for (int i = 0; i < set.Length; i++)
                {
                    if (i + 2 < set.Length && set[i + 1] == '-')
                    {
                        found |= name[0] >= set[i] && name[0] <= set[i + 2];
                        i += 2;
                    }
                    else
                    {
                        found |= name[0] == set[i];
                    }
                }

                if (found == negate)
                {
                    return false;
                }

                pattern = pattern[(close + 2)..];
                name = name[1..];
                continue;
            }

            if (p == '\\' && pattern.Length > 1)
            {
                pattern = pattern[1..];
                p = pattern[0];
            }

            if (p != name[0])
            {
                return false;
            }

            pattern = pattern[1..];
            name = name[1..];
        }

        return name.Length == 0;
    }
}

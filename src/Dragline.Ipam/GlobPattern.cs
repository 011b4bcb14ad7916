namespace Dragline.Ipam;

/// <summary>Shell wildcards as Spiderpool matches pool names (Go <c>filepath.Match</c>): <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>[^a]</c>, <c>\x</c>.</summary>
/// <remarks>
/// The pattern comes from a pod annotation and is matched in the root-owned agent, so matching must
/// not backtrack: a recursive matcher takes exponential time on <c>*a*a*a…*b</c>. Every token other
/// than <c>*</c> matches exactly one character, so the greedy algorithm that remembers only the last
/// star is exact: if a later segment can match, the leftmost match of the earlier segment never hurts.
/// Work is at most (pattern tokens + 1) × (name length + 1) steps, and linear for patterns whose
/// segments between stars do not partially match the name over and over.
/// </remarks>
internal static class GlobPattern
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") >= 0;

    public static bool IsMatch(string pattern, string name) => IsMatch(pattern, name, out _);

    /// <summary>Matches, and reports how many comparison steps it took (tests bound the work with it; time is not asserted).</summary>
    internal static bool IsMatch(string pattern, string name, out long steps)
    {
        steps = 0;
        List<Token>? tokens = Tokenize(pattern);
        if (tokens is null)
        {
            return false; // A malformed class matches nothing, wherever it is in the pattern.
        }

        int p = 0;
        int n = 0;
        int starToken = -1;
        int starName = 0;
        while (n < name.Length)
        {
            steps++;
            if (p < tokens.Count && tokens[p].Kind == TokenKind.Star)
            {
                // Remember where this star started; earlier stars never need revisiting.
                starToken = p;
                starName = n;
                p++;
            }
            else if (p < tokens.Count && tokens[p].Matches(pattern, name[n]))
            {
                p++;
                n++;
            }
            else if (starToken >= 0)
            {
                // Let the last star swallow one more character and retry the segment after it.
                starName++;
                n = starName;
                p = starToken + 1;
            }
            else
            {
                return false;
            }
        }

        while (p < tokens.Count && tokens[p].Kind == TokenKind.Star)
        {
            steps++;
            p++;
        }

        return p == tokens.Count;
    }

    /// <summary>Splits the pattern into one-character tokens and stars (runs of stars collapse to one); null when a class is not closed.</summary>
    private static List<Token>? Tokenize(string pattern)
    {
        var tokens = new List<Token>(pattern.Length);
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*':
                    while (i < pattern.Length && pattern[i] == '*')
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Star, 0, 0, Negate: false));
                    break;
                case '?':
                    tokens.Add(new Token(TokenKind.Any, 0, 0, Negate: false));
                    i++;
                    break;
                case '[':
                    // The class ends at the first ']' after the '[' (an empty class "[]" matches nothing), as before.
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    int start = i + 1;
                    bool negate = start < close && (pattern[start] == '^' || pattern[start] == '!');
                    if (negate)
                    {
                        start++;
                    }

                    tokens.Add(new Token(TokenKind.Class, start, close - start, negate));
                    i = close + 1;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    tokens.Add(new Token(TokenKind.Literal, i + 1, 1, Negate: false));
                    i += 2;
                    break;
                default:
                    // Includes a trailing lone backslash, which matches itself.
                    tokens.Add(new Token(TokenKind.Literal, i, 1, Negate: false));
                    i++;
                    break;
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Star,
        Any,
        Literal,
        Class,
    }

    /// <summary>One pattern element; Literal and Class refer to pattern[Start..Start+Length] rather than copying it.</summary>
    private readonly record struct Token(TokenKind Kind, int Start, int Length, bool Negate)
    {
        public bool Matches(string pattern, char c)
        {
            switch (Kind)
            {
                case TokenKind.Any:
                    return true;
                case TokenKind.Literal:
                    return pattern[Start] == c;
                case TokenKind.Class:
                    ReadOnlySpan<char> set = pattern.AsSpan(Start, Length);
                    bool found = false;
                    for (int i = 0; i < set.Length; i++)
                    {
                        if (i + 2 < set.Length && set[i + 1] == '-')
                        {
                            found |= c >= set[i] && c <= set[i + 2];
                            i += 2;
                        }
                        else
                        {
                            found |= c == set[i];
                        }
                    }

                    return found != Negate;
                default:
                    return false;
            }
        }
    }
}

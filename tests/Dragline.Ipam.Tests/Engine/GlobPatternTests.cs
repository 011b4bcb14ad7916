using CsCheck;

namespace Dragline.Ipam.Tests.Engine;

/// <summary>
/// Pool-name wildcards come from pod annotations and are matched in the root-owned agent. These tests
/// bound the matcher's work by counting its steps (never by timing it) and check its answers against
/// the plain recursive matcher it replaced, which is the specification but takes exponential time.
/// </summary>
public sealed class GlobPatternTests
{
    [Theory]
    [InlineData(30, 1_000)]
    [InlineData(30, 10_000)]
    [InlineData(100, 10_000)]
    public void ManyStars_AgainstLongNonMatchingName_TakeLinearWork(int stars, int nameLength)
    {
        // The recursive matcher needed 15 s for 8 stars against 60 characters of this shape.
        string pattern = string.Concat(Enumerable.Repeat("*a", stars - 1)) + "*b";
        string name = new('a', nameLength);

        Assert.False(GlobPattern.IsMatch(pattern, name, out long steps));

        Assert.InRange(steps, nameLength, 4L * (pattern.Length + name.Length));
    }

    [Theory]
    [InlineData("*?")]
    [InlineData("*[a-z]")]
    [InlineData("*[^b]")]
    [InlineData("*a")]
    public void ManyStarsOfEachTokenKind_TakeLinearWork(string unit)
    {
        string pattern = string.Concat(Enumerable.Repeat(unit, 30)) + "*b";
        string name = new('a', 5_000);

        Assert.False(GlobPattern.IsMatch(pattern, name, out long steps));

        Assert.InRange(steps, name.Length, 4L * (pattern.Length + name.Length));
    }

    [Fact]
    public void ThirtyStars_StillMatchWhenTheNameFits()
    {
        string pattern = string.Concat(Enumerable.Repeat("*a", 29)) + "*b";

        Assert.True(GlobPattern.IsMatch(pattern, new string('a', 500) + "b", out long steps));
        Assert.False(GlobPattern.IsMatch(pattern, new string('a', 28) + "b"));
        Assert.True(GlobPattern.IsMatch(pattern, new string('a', 29) + "b"));
        Assert.InRange(steps, 1, 4L * (pattern.Length + 501));
    }

    [Fact]
    public void LongSegmentAfterAStar_IsBoundedByPatternTimesName()
    {
        // The worst case of the last-star algorithm: the segment almost matches at every offset.
        string pattern = "*" + new string('a', 20) + "b";
        string name = new('a', 5_000);

        Assert.False(GlobPattern.IsMatch(pattern, name, out long steps));

        Assert.InRange(steps, name.Length, WorkBound(pattern, name));
    }

    [Fact]
    public void GeneratedInputs_AgreeWithTheRecursiveMatcher_WithinTheWorkBound()
    {
        // Pieces include malformed ones ("[", a lone trailing "\") so that tokenizing is covered too.
        Gen<string> pattern = Gen.OneOfConst(
                "a", "b", "-", "*", "**", "?", "[ab]", "[^a]", "[!b]", "[a-c]", "[]", "[^]", "\\a", "\\*", "\\", "[", "]", "^", "!")
            .Array[0, 8]
            .Select(string.Concat);
        Gen<string> name = Gen.OneOfConst('a', 'b', 'c', '-', '*', '\\', '[', ']', '^')
            .Array[0, 10]
            .Select(chars => new string(chars));

        Gen.Select(pattern, name).Sample((p, n) =>
        {
            bool actual = GlobPattern.IsMatch(p, n, out long steps);
            Assert.True(
                actual == RecursiveMatch(p.AsSpan(), n.AsSpan()),
                $"pattern '{p}' name '{n}': linear matcher said {actual}");
            Assert.InRange(steps, 0, WorkBound(p, n));
        }, iter: 20_000);
    }

    [Fact]
    public void GeneratedMatchingNames_AreMatched()
    {
        // Build a name from the pattern so that positive cases are common, not left to chance.
        Gen<(string Pattern, string Name)> pair = Gen.OneOfConst(
                ("*", "xyz"), ("*", ""), ("?", "q"), ("[a-c]", "b"), ("[^a]", "z"), ("\\*", "*"), ("a", "a"), ("-", "-"))
            .Array[1, 12]
            .Select(parts => (string.Concat(parts.Select(x => x.Item1)), string.Concat(parts.Select(x => x.Item2))));

        pair.Sample(x =>
        {
            Assert.True(GlobPattern.IsMatch(x.Pattern, x.Name), $"pattern '{x.Pattern}' should match '{x.Name}'");
            Assert.True(RecursiveMatch(x.Pattern.AsSpan(), x.Name.AsSpan()));
        }, iter: 5_000);
    }

    /// <summary>Every step either advances through the pattern or moves the last star on by one character.</summary>
    private static long WorkBound(string pattern, string name) => (pattern.Length + 1L) * (name.Length + pattern.Length + 2L);

    /// <summary>The matcher this project used before: exponential on many stars, but obviously right. Kept as the reference.</summary>
    private static bool RecursiveMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (pattern.Length > 0)
        {
            char p = pattern[0];
            if (p == '*')
            {
                ReadOnlySpan<char> rest = pattern.TrimStart('*');
                for (int i = 0; i <= name.Length; i++)
                {
                    if (RecursiveMatch(rest, name[i..]))
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
                    return false;
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

using System.Globalization;

namespace Dragline.Linux.Tests.Netlink;

/// <summary>Golden bytes written as hex with spaces and "|" between fields for readability.</summary>
internal static class Hex
{
    public static byte[] Parse(string text)
    {
        string digits = new(text.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(digits);
    }

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}

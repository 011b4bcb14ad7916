using System.Text;

namespace Dragline.KernelLab.Guest;

/// <summary>Prints one machine-readable line: "KIND key=value ...", values without spaces ("-" when absent).</summary>
internal static class Record
{
    public static void Print(string kind, params (string Key, object? Value)[] fields)
    {
        var line = new StringBuilder(kind);
        foreach ((string key, object? value) in fields)
        {
            string text = value switch
            {
                null => "-",
                bool flag => flag ? "on" : "off",
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "-",
            };
            line.Append(' ').Append(key).Append('=').Append(text.Length == 0 ? "-" : text.Replace(' ', '_'));
        }

        Console.WriteLine(line.ToString());
    }
}

namespace Dragline.Lab;

/// <summary>One line of <c>rdma link</c> as a pod sees it: <c>link rxe0/1 state ACTIVE physical_state LINK_UP netdev eth0</c>.</summary>
public sealed record LabRdmaLink(string Device, int Port, string? State, string? Netdev)
{
    /// <summary>Parses the stock tool's output; lines that are not <c>link DEV/PORT ...</c> are skipped.</summary>
    public static List<LabRdmaLink> ParseRdmaLinkOutput(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var links = new List<LabRdmaLink>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || words[0] != "link" || words[1].Split('/') is not [string device, string portText]
                || !int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port))
            {
                continue;
            }

            links.Add(new LabRdmaLink(device, port, ValueAfter(words, "state"), ValueAfter(words, "netdev")));
        }

        return links;
    }

    private static string? ValueAfter(string[] words, string key)
    {
        int i = Array.IndexOf(words, key);
        return i >= 0 && i + 1 < words.Length ? words[i + 1] : null;
    }
}

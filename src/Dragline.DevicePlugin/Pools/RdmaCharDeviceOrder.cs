using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>Orders an RDMA device's character devices the way users read them: uverbs, umad, issm, ucm, then anything else.</summary>
internal static class RdmaCharDeviceOrder
{
    private static readonly string[] Kinds = ["uverbs", "umad", "issm", "ucm"];

    public static IEnumerable<RdmaCharDevice> Present(IEnumerable<RdmaCharDevice> devices) =>
        devices.Where(c => c.Exists).OrderBy(Rank).ThenBy(c => c.Name, StringComparer.Ordinal);

    private static int Rank(RdmaCharDevice device)
    {
        int index = Array.FindIndex(Kinds, k => device.Name.StartsWith(k, StringComparison.Ordinal));
        return index < 0 ? Kinds.Length : index;
    }
}

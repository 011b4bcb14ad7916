using Dragline.Core;
using Dragline.Linux;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;

namespace Dragline.KernelLab.Guest;

/// <summary>RDMA devices and the netns mode through Dragline's RDMA netlink client.</summary>
internal static class RdmaCommands
{
    public static void List(string? namespaceName)
    {
        using NetworkNamespace? target = namespaceName is null ? null : NetworkNamespace.OpenByName(namespaceName);
        using RdmaNetlinkClient client = Open(target);
        foreach (RdmaNetlinkDevice device in client.ListDevices())
        {
            Record.Print("rdma-device", ("name", device.Name), ("index", device.Index), ("protocol", device.Protocol), ("ports", device.Ports.Count), ("node-guid", device.NodeGuid.ToString()));
            foreach (RdmaNetlinkPort port in device.Ports)
            {
                Record.Print("rdma-port", ("device", device.Name), ("port", port.PortIndex), ("netdev", port.NetdevName), ("state", port.State));
            }
        }
    }

    public static void ShowMode(string? namespaceName)
    {
        using NetworkNamespace? target = namespaceName is null ? null : NetworkNamespace.OpenByName(namespaceName);
        using RdmaNetlinkClient client = Open(target);
        Record.Print("rdma-netns-mode", ("mode", Text(client.GetNetnsMode())));
    }

    public static void SetMode(string text)
    {
        RdmaNetnsMode mode = text switch
        {
            "shared" => RdmaNetnsMode.Shared,
            "exclusive" => RdmaNetnsMode.Exclusive,
            _ => throw new UsageException($"'{text}' is not a netns mode: use shared or exclusive"),
        };
        using RdmaNetlinkClient client = RdmaNetlinkClient.Open();
        client.SetNetnsMode(mode);
        Record.Print("rdma-netns-mode-set", ("mode", Text(mode)));
    }

    /// <summary>The netdev is looked up in <paramref name="namespaceName"/> (the client's socket lives there); the kernel registers the device in the initial namespace.</summary>
    public static void AddRxe(string name, string netdev, string? namespaceName)
    {
        using NetworkNamespace? target = namespaceName is null ? null : NetworkNamespace.OpenByName(namespaceName);
        using RdmaNetlinkClient client = Open(target);
        client.AddRxeLink(name, netdev);
        Record.Print("rdma-rxe-added", ("name", name), ("netdev", netdev), ("netns", namespaceName));
    }

    public static void Move(string deviceName, string namespaceName)
    {
        using RdmaNetlinkClient client = RdmaNetlinkClient.Open();
        RdmaNetlinkDevice device = client.FindDevice(deviceName)
            ?? throw new DraglineException(DraglineErrorReason.NotFound, $"no RDMA device '{deviceName}' in this namespace");
        using NetworkNamespace target = NetworkNamespace.OpenByName(namespaceName);
        client.MoveDeviceToNamespace(device.Index, target.Handle);
        Record.Print("rdma-moved", ("name", deviceName), ("index", device.Index), ("netns", namespaceName));
    }

    public static void Delete(string deviceName, string? namespaceName)
    {
        using NetworkNamespace? target = namespaceName is null ? null : NetworkNamespace.OpenByName(namespaceName);
        using RdmaNetlinkClient client = Open(target);
        RdmaNetlinkDevice device = client.FindDevice(deviceName)
            ?? throw new DraglineException(DraglineErrorReason.NotFound, $"no RDMA device '{deviceName}' in namespace {namespaceName ?? "(initial)"}");
        client.DeleteLink(device.Index);
        Record.Print("rdma-deleted", ("name", deviceName));
    }

    private static RdmaNetlinkClient Open(NetworkNamespace? target) =>
        target is null ? RdmaNetlinkClient.Open() : RdmaNetlinkClient.OpenInNamespace(target);

    private static string Text(RdmaNetnsMode mode) => mode == RdmaNetnsMode.Shared ? "shared" : "exclusive";
}

using System.Globalization;
using System.Runtime.InteropServices;
using Dragline.Core;
using Dragline.Linux.Namespaces;

namespace Dragline.Linux.Netlink;

/// <summary>
/// The RDMA core's netlink interface (NETLINK_RDMA, nldev client; sriov-rdma.md 5.4): devices and
/// ports, the netns mode, moving and renaming devices, and rxe links. Requests act on the devices
/// visible in the namespace the socket was opened in; to move a device back out of a namespace,
/// open the client inside that namespace (<see cref="OpenInNamespace"/>).
/// Thread-safety: safe to share; requests on one client are serialised.
/// </summary>
public sealed class RdmaNetlinkClient : IDisposable
{
    private readonly NetlinkSocket _socket;

    public RdmaNetlinkClient(NetlinkSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.Protocol != NetlinkProtocol.Rdma)
        {
            throw new ArgumentException($"RdmaNetlinkClient needs a {NetlinkProtocol.Rdma} socket, not {socket.Protocol}.", nameof(socket));
        }

        _socket = socket;
    }

    /// <summary>Opens a client in the calling thread's namespace. Fails with EPROTONOSUPPORT when the kernel has no RDMA core (ib_core not loaded).</summary>
    public static RdmaNetlinkClient Open() => new(NetlinkSocket.Open(NetlinkProtocol.Rdma));

    public static RdmaNetlinkClient OpenInNamespace(NetworkNamespace networkNamespace) =>
        new(NetlinkSocket.OpenInNamespace(NetlinkProtocol.Rdma, networkNamespace));

    public void Dispose() => _socket.Dispose();

    /// <summary>Every RDMA device with its ports (a GET dump, then a PORT_GET dump per device).</summary>
    public IReadOnlyList<RdmaNetlinkDevice> ListDevices()
    {
        var devices = new List<RdmaNetlinkDevice>();
        foreach (NetlinkReply reply in _socket.Dump(RdmaNetlinkMessages.DumpDevices(), "list RDMA devices", "all"))
        {
            RdmaNetlinkDevice device = RdmaNetlinkParsers.ParseDevice(reply.Payload);
            devices.Add(device with { Ports = ListPorts(device) });
        }

        return devices;
    }

    /// <summary>The device named <paramref name="name"/>, or null when there is none in this namespace.</summary>
    public RdmaNetlinkDevice? FindDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ListDevices().FirstOrDefault(device => device.Name == name);
    }

    public RdmaNetnsMode GetNetnsMode()
    {
        foreach (NetlinkReply reply in _socket.Request(RdmaNetlinkMessages.GetSystem(), "read the RDMA netns mode", "system"))
        {
            return RdmaNetlinkParsers.ParseSystem(reply.Payload).Mode;
        }

        throw new NetlinkException("read the RDMA netns mode", "system", Errnos.ENOENT, "the kernel sent no system attributes");
    }

    /// <summary>Sets the netns mode. The kernel refuses (EBUSY) while any namespace other than the initial one exists.</summary>
    public void SetNetnsMode(RdmaNetnsMode mode) =>
        _socket.Request(RdmaNetlinkMessages.SetNetnsMode(mode), "set the RDMA netns mode to", mode.ToString());

    /// <summary>Moves device <paramref name="deviceIndex"/> into the namespace <paramref name="networkNamespace"/> (an open netns fd). Needs exclusive mode.</summary>
    public void MoveDeviceToNamespace(uint deviceIndex, SafeHandle networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        bool added = false;
        networkNamespace.DangerousAddRef(ref added);
        try
        {
            int fd = (int)networkNamespace.DangerousGetHandle().ToInt64();
            _socket.Request(RdmaNetlinkMessages.MoveToNamespace(deviceIndex, fd), "move RDMA device to another network namespace", DeviceValue(deviceIndex));
        }
        finally
        {
            if (added)
            {
                networkNamespace.DangerousRelease();
            }
        }
    }

    public void RenameDevice(uint deviceIndex, string newName)
    {
        ValidateName(newName, "RDMA device");
        _socket.Request(RdmaNetlinkMessages.Rename(deviceIndex, newName), $"rename {DeviceValue(deviceIndex)} to", newName);
    }

    /// <summary>Creates a Soft-RoCE device over a netdev, like <c>rdma link add NAME type rxe netdev NETDEV</c>.</summary>
    public void AddRxeLink(string name, string netdev)
    {
        ValidateName(name, "RDMA device");
        ValidateName(netdev, "netdev");
        _socket.Request(RdmaNetlinkMessages.NewLink(name, "rxe", netdev), "add rxe link", $"{name} over {netdev}");
    }

    /// <summary>Deletes a software RDMA link (rxe) by device index.</summary>
    public void DeleteLink(uint deviceIndex) =>
        _socket.Request(RdmaNetlinkMessages.DeleteLink(deviceIndex), "delete RDMA link", DeviceValue(deviceIndex));

    private List<RdmaNetlinkPort> ListPorts(RdmaNetlinkDevice device)
    {
        var ports = new List<RdmaNetlinkPort>();
        foreach (NetlinkReply reply in _socket.Dump(RdmaNetlinkMessages.DumpPorts(device.Index), "list ports of RDMA device", device.Name))
        {
            ports.Add(RdmaNetlinkParsers.ParsePort(reply.Payload).Port);
        }

        return ports;
    }

    private static void ValidateName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 63 || name.Any(c => c is '/' or '\0' || char.IsWhiteSpace(c)))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"'{name}' is not a valid {what} name: use 1-63 characters without '/' or whitespace.");
        }
    }

    private static string DeviceValue(uint index) => "RDMA device " + index.ToString(CultureInfo.InvariantCulture);
}

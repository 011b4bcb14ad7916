using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Dragline.Linux.Interop;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>
/// A netlink socket bound to a kernel-assigned port id. A socket belongs to the network namespace it
/// was opened in for its whole life, whichever thread later uses it: open one inside a namespace with
/// <see cref="OpenInNamespace"/> and use it from anywhere.
/// Thread-safety: requests are serialised by a lock, so one socket may be shared between threads.
/// </summary>
public sealed class NetlinkSocket : IDisposable
{
    private const int MaxDumpAttempts = 10;

    private readonly Lock _lock = new();
    private readonly FileDescriptorHandle _fd;
    private byte[] _receiveBuffer = new byte[64 * 1024];
    private uint _sequence;

    private NetlinkSocket(FileDescriptorHandle fd, NetlinkProtocol protocol, uint portId)
    {
        _fd = fd;
        Protocol = protocol;
        PortId = portId;
        _sequence = (uint)Environment.TickCount;
    }

    public NetlinkProtocol Protocol { get; }

    /// <summary>The port id the kernel assigned to this socket (nl_pid).</summary>
    public uint PortId { get; }

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static unsafe NetlinkSocket Open(NetlinkProtocol protocol)
    {
        int raw = LibC.Socket(LibCConstants.AF_NETLINK, LibCConstants.SOCK_RAW | LibCConstants.SOCK_CLOEXEC, (int)protocol);
        if (raw < 0)
        {
            throw LinuxException.FromLastError("open netlink socket", protocol == NetlinkProtocol.Rdma ? "NETLINK_RDMA (needs the RDMA core: module ib_core)" : "NETLINK_ROUTE");
        }

        var fd = new FileDescriptorHandle(raw);
        try
        {
            // Extended acks give the kernel's reason text with an error; older kernels refuse the option, which only costs that text.
            int one = 1;
            _ = LibC.SetSockOpt(fd, LibCConstants.SOL_NETLINK, NetlinkUapi.NETLINK_EXT_ACK, &one, sizeof(int));

            var address = new sockaddr_nl { nl_family = LibCConstants.AF_NETLINK };
            if (LibC.Bind(fd, &address, (uint)sizeof(sockaddr_nl)) != 0)
            {
                throw LinuxException.FromLastError("bind netlink socket", protocol.ToString());
            }

            uint length = (uint)sizeof(sockaddr_nl);
            if (LibC.GetSockName(fd, &address, &length) != 0)
            {
                throw LinuxException.FromLastError("read netlink socket address", protocol.ToString());
            }

            return new NetlinkSocket(fd, protocol, address.nl_pid);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Opens a socket that lives in <paramref name="networkNamespace"/> (entered on a dedicated thread only to create the socket).</summary>
    public static NetlinkSocket OpenInNamespace(NetlinkProtocol protocol, NetworkNamespace networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        return networkNamespace.Run(() => Open(protocol));
    }

    public void Dispose() => _fd.Dispose();

    /// <summary>Sends a request and collects its data replies until the kernel's ACK (the request must carry NLM_F_ACK).</summary>
    internal List<NetlinkReply> Request(byte[] message, string operation, string value)
    {
        lock (_lock)
        {
            uint sequence = Send(message, operation, value);
            return Receive(sequence, operation, value, out _);
        }
    }

    /// <summary>Sends a dump request and collects every part; an interrupted dump (NLM_F_DUMP_INTR) is retried here and only here.</summary>
    internal List<NetlinkReply> Dump(byte[] message, string operation, string value)
    {
        lock (_lock)
        {
            for (int attempt = 1; ; attempt++)
            {
                uint sequence = Send(message, operation, value);
                List<NetlinkReply> replies = Receive(sequence, operation, value, out bool interrupted);
                if (!interrupted)
                {
                    return replies;
                }

                if (attempt == MaxDumpAttempts)
                {
                    throw new NetlinkException(operation, value, Errnos.EINTR, $"the dump was interrupted by concurrent changes {MaxDumpAttempts} times in a row");
                }
            }
        }
    }

    /// <summary>Parses the errno and extended-ack text out of an NLMSG_ERROR (or NLMSG_DONE) payload.</summary>
    internal static (int Errno, string? Message) ParseError(ReadOnlySpan<byte> payload, ushort flags, bool isDone)
    {
        if (payload.Length < 4)
        {
            throw new InvalidDataException($"Netlink error message has {payload.Length} bytes, fewer than its 4-byte error code.");
        }

        int error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        string? text = null;
        if ((flags & NetlinkUapi.NLM_F_ACK_TLVS) != 0)
        {
            int offset = 4;
            if (!isDone)
            {
                offset += NetlinkUapi.NLMSG_HDRLEN;
                if ((flags & NetlinkUapi.NLM_F_CAPPED) == 0 && payload.Length >= offset)
                {
                    uint originalLength = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
                    offset += NetlinkMessageWriter.Align((int)originalLength - NetlinkUapi.NLMSG_HDRLEN);
                }
            }

            if (offset <= payload.Length)
            {
                var reader = new NetlinkAttributeReader(payload[offset..]);
                while (reader.TryRead(out NetlinkAttribute attribute))
                {
                    if (attribute.Type == NetlinkUapi.NLMSGERR_ATTR_MSG)
                    {
                        text = attribute.GetString();
                    }
                }
            }
        }

        return (-error, text);
    }

    private unsafe uint Send(byte[] message, string operation, string value)
    {
        ObjectDisposedException.ThrowIf(_fd.IsClosed, this);
        uint sequence = ++_sequence;
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(12), PortId);
        fixed (byte* bytes = message)
        {
            while (true)
            {
                nint sent = LibC.Send(_fd, bytes, (nuint)message.Length, 0);
                if (sent >= 0)
                {
                    return sequence;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errnos.EINTR)
                {
                    throw new LinuxException("send netlink request to " + operation, value, errno);
                }
            }
        }
    }

    private List<NetlinkReply> Receive(uint sequence, string operation, string value, out bool interrupted)
    {
        var replies = new List<NetlinkReply>();
        interrupted = false;
        while (true)
        {
            int length = ReceiveDatagram(operation, value, out uint sender);
            if (sender != 0)
            {
                continue; // Only the kernel (port 0) answers requests; anything else is not ours.
            }

            if (ProcessDatagram(_receiveBuffer.AsSpan(0, length), sequence, PortId, replies, ref interrupted, operation, value))
            {
                return replies;
            }
        }
    }

    /// <summary>
    /// Handles one datagram of replies to request <paramref name="sequence"/>: collects data messages,
    /// notes NLM_F_DUMP_INTR, turns NLMSG_ERROR into a <see cref="NetlinkException"/>, and returns true
    /// at the ACK or NLMSG_DONE that ends the reply. Messages for other sequence numbers or ports are skipped.
    /// </summary>
    internal static bool ProcessDatagram(ReadOnlySpan<byte> datagram, uint sequence, uint portId, List<NetlinkReply> replies, ref bool interrupted, string operation, string value)
    {
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out nlmsghdr header, out ReadOnlySpan<byte> payload))
        {
            if (header.nlmsg_seq != sequence || header.nlmsg_pid != portId)
            {
                continue; // A late reply to an earlier request that was abandoned by an exception.
            }

            if ((header.nlmsg_flags & NetlinkUapi.NLM_F_DUMP_INTR) != 0)
            {
                interrupted = true;
            }

            switch (header.nlmsg_type)
            {
                case NetlinkUapi.NLMSG_ERROR:
                {
                    (int errno, string? text) = ParseError(payload, header.nlmsg_flags, isDone: false);
                    return errno == 0 ? true : throw new NetlinkException(operation, value, errno, text);
                }

                case NetlinkUapi.NLMSG_DONE:
                {
                    if (payload.Length >= 4)
                    {
                        (int errno, string? text) = ParseError(payload, header.nlmsg_flags, isDone: true);
                        if (errno != 0)
                        {
                            throw new NetlinkException(operation, value, errno, text);
                        }
                    }

                    return true;
                }

                case NetlinkUapi.NLMSG_NOOP:
                    break;

                case NetlinkUapi.NLMSG_OVERRUN:
                    throw new NetlinkException(operation, value, Errnos.ENOBUFS, "the netlink receive buffer overran");

                default:
                    // Requests carry NLM_F_ACK, so even a single reply is followed by the ACK that ends the loop.
                    replies.Add(new NetlinkReply(header.nlmsg_type, header.nlmsg_flags, payload.ToArray()));
                    break;
            }
        }

        return false;
    }

    private unsafe int ReceiveDatagram(string operation, string value, out uint sender)
    {
        var source = default(sockaddr_nl);
        uint sourceLength = (uint)sizeof(sockaddr_nl);
        while (true)
        {
            nint length;
            fixed (byte* peek = _receiveBuffer)
            {
                // MSG_TRUNC makes recv return the datagram's real size, so the buffer can grow before the real read.
                length = LibC.RecvFrom(_fd, peek, (nuint)_receiveBuffer.Length, LibCConstants.MSG_PEEK | LibCConstants.MSG_TRUNC, null, null);
            }

            if (length < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errnos.EINTR)
                {
                    continue;
                }

                throw new LinuxException("receive netlink reply to " + operation, value, errno);
            }

            if (length > _receiveBuffer.Length)
            {
                _receiveBuffer = new byte[NetlinkMessageWriter.Align((int)length)];
            }

            fixed (byte* buffer = _receiveBuffer)
            {
                length = LibC.RecvFrom(_fd, buffer, (nuint)_receiveBuffer.Length, 0, &source, &sourceLength);
            }

            if (length < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errnos.EINTR)
                {
                    continue;
                }

                throw new LinuxException("receive netlink reply to " + operation, value, errno);
            }

            sender = source.nl_pid;
            return (int)length;
        }
    }
}

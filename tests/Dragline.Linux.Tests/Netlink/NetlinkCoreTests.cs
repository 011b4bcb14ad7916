using Dragline.Linux.Netlink;
using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Tests.Netlink;

public sealed class NetlinkCoreTests
{
    [Fact]
    public void NestedScopesBackPatchTheirLengths()
    {
        var writer = new NetlinkMessageWriter(new byte[128], 0x10, 0);
        int outer = writer.BeginNested(1);
        int inner = writer.BeginNested(2);
        writer.WriteU8(3, 0xab);
        writer.EndNested(inner);
        writer.WriteU16(4, 0x1234);
        writer.EndNested(outer);
        Assert.Equal(
            Hex.Format(Hex.Parse("28000000 1000 0000 00000000 00000000 | 1800 0180 | 0c00 0280 | 0500 0300 ab 000000 | 0600 0400 3412 0000")),
            Hex.Format(writer.EndMessage()));
    }

    [Fact]
    public void AMessageThatDoesNotFitThrowsInsteadOfTruncating()
    {
        var writer = new NetlinkMessageWriter(new byte[24], 0x10, 0);
        bool threw = false;
        try
        {
            writer.WriteU64(1, 1);
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void ReaderWalksAttributesAndMasksFlags()
    {
        byte[] bytes = Hex.Parse("0500 0180 07 000000 | 0800 0200 2a000000");
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryRead(out NetlinkAttribute first));
        Assert.Equal(1, first.Type);
        Assert.True(first.IsNested);
        Assert.Equal(7, first.GetU8());
        Assert.True(reader.TryRead(out NetlinkAttribute second));
        Assert.Equal(2, second.Type);
        Assert.Equal(42u, second.GetU32());
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void ReaderRejectsAnAttributeLongerThanItsBuffer()
    {
        byte[] bytes = Hex.Parse("1000 0100 00000000");
        bool threw = false;
        try
        {
            var reader = new NetlinkAttributeReader(bytes);
            reader.TryRead(out _);
        }
        catch (InvalidDataException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void MessageReaderSplitsADatagram()
    {
        byte[] datagram = Hex.Parse("14000000 1000 0200 01000000 00000000 aabbccdd | 10000000 0300 0200 01000000 00000000");
        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out nlmsghdr first, out ReadOnlySpan<byte> payload));
        Assert.Equal(16, first.nlmsg_type);
        Assert.Equal("aabbccdd", Hex.Format(payload));
        Assert.True(reader.TryRead(out nlmsghdr done, out _));
        Assert.Equal(NetlinkUapi.NLMSG_DONE, done.nlmsg_type);
        Assert.False(reader.TryRead(out _, out _));
    }

    [Fact]
    public void ErrorWithExtendedAckCappedGivesErrnoAndText()
    {
        // nlmsgerr{error=-22, msg=original header} then NLMSGERR_ATTR_MSG "Unknown device type".
        byte[] payload = Hex.Parse("eaffffff | 20000000 1000 0506 05000000 00000000 | 1800 0100 556e6b6e6f776e20646576696365207479706500");
        (int errno, string? text) = NetlinkSocket.ParseError(payload, NetlinkUapi.NLM_F_CAPPED | NetlinkUapi.NLM_F_ACK_TLVS, isDone: false);
        Assert.Equal(22, errno);
        Assert.Equal("Unknown device type", text);
    }

    [Fact]
    public void ErrorWithExtendedAckUncappedSkipsTheEchoedRequest()
    {
        byte[] payload = Hex.Parse("efffffff | 20000000 1000 0506 05000000 00000000 | 00000000 00000000 00000000 00000000 | 0800 0100 626164 00 | 0800 0200 10000000");
        (int errno, string? text) = NetlinkSocket.ParseError(payload, NetlinkUapi.NLM_F_ACK_TLVS, isDone: false);
        Assert.Equal(17, errno);
        Assert.Equal("bad", text);
    }

    [Fact]
    public void AckIsErrnoZeroWithoutText()
    {
        (int errno, string? text) = NetlinkSocket.ParseError(Hex.Parse("00000000 | 10000000 1000 0506 05000000 00000000"), NetlinkUapi.NLM_F_CAPPED, isDone: false);
        Assert.Equal(0, errno);
        Assert.Null(text);
    }

    [Fact]
    public void LinuxExceptionNamesOperationValueErrnoAndAdvice()
    {
        var exception = new NetlinkException("create veth link", "v0 (peer v1)", 17, "File exists");
        Assert.Equal(Dragline.Core.DraglineErrorReason.Conflict, exception.Reason);
        Assert.Equal("EEXIST", exception.ErrnoName);
        Assert.Contains("create veth link 'v0 (peer v1)'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("EEXIST", exception.Message, StringComparison.Ordinal);
        Assert.Contains("kernel says: File exists", exception.Message, StringComparison.Ordinal);
        Assert.Contains("delete the existing one", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Dragline.Core.DraglineErrorReason.NotFound, new LinuxException("get link", "x", 19).Reason);
    }

    [Fact]
    public void DatagramProcessingSkipsOtherSequencesNotesDumpIntrAndEndsAtDone()
    {
        // seq 6 (stale) is skipped; seq 7 carries NLM_F_MULTI|NLM_F_DUMP_INTR; DONE ends the dump.
        byte[] datagram = Hex.Parse(
            "14000000 1000 0200 06000000 2a000000 11111111 | 14000000 1000 1200 07000000 2a000000 22222222 | 14000000 0300 0200 07000000 2a000000 00000000");
        var replies = new List<NetlinkReply>();
        bool interrupted = false;
        Assert.True(NetlinkSocket.ProcessDatagram(datagram, 7, 42, replies, ref interrupted, "list links", "all"));
        Assert.True(interrupted);
        NetlinkReply reply = Assert.Single(replies);
        Assert.Equal("22222222", Hex.Format(reply.Payload));
    }

    [Fact]
    public void DatagramProcessingWaitsForMoreWhenThereIsNoEnd()
    {
        byte[] datagram = Hex.Parse("14000000 1000 0200 07000000 2a000000 22222222");
        var replies = new List<NetlinkReply>();
        bool interrupted = false;
        Assert.False(NetlinkSocket.ProcessDatagram(datagram, 7, 42, replies, ref interrupted, "list links", "all"));
        Assert.False(interrupted);
        Assert.Single(replies);
    }

    [Fact]
    public void DatagramProcessingTurnsAnErrorIntoAnExceptionAndAnAckIntoTheEnd()
    {
        byte[] ack = Hex.Parse("24000000 0200 0001 07000000 2a000000 | 00000000 | 10000000 1300 0500 07000000 2a000000");
        var replies = new List<NetlinkReply>();
        bool interrupted = false;
        Assert.True(NetlinkSocket.ProcessDatagram(ack, 7, 42, replies, ref interrupted, "set link up", "link 5"));
        Assert.Empty(replies);

        byte[] error = Hex.Parse("3c000000 0200 0003 07000000 2a000000 | edffffff | 10000000 1300 0500 07000000 2a000000 | 1800 0100 556e6b6e6f776e20646576696365207479706500");
        NetlinkException exception = Assert.Throws<NetlinkException>(() =>
        {
            bool flag = false;
            NetlinkSocket.ProcessDatagram(error, 7, 42, [], ref flag, "set link up", "link 5");
        });
        Assert.Equal(19, exception.Errno);
        Assert.Equal("Unknown device type", exception.ExtendedAckMessage);
        Assert.Contains("set link up 'link 5'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADumpEndingInAnErrorThrows()
    {
        byte[] done = Hex.Parse("14000000 0300 0200 07000000 2a000000 | f9ffffff");
        bool interrupted = false;
        NetlinkException exception = Assert.Throws<NetlinkException>(() => NetlinkSocket.ProcessDatagram(done, 7, 42, [], ref interrupted, "list", "all"));
        Assert.Equal(7, exception.Errno);
    }
}

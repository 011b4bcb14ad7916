namespace Dragline.Lab;

/// <summary>
/// The kernel lab's <c>ib_read_lat</c> between two pods (the seed's step 7): the client pod reads from the server pod
/// over their own RDMA devices. Under the guest's software emulation the numbers prove the path, not the speed.
/// </summary>
public sealed record LabRdmaLatency
{
    public required string From { get; init; }
    public required string FromDevice { get; init; }
    public required string To { get; init; }
    public required string ToDevice { get; init; }
    public required string ToAddress { get; init; }
    public required int Bytes { get; init; }
    public required int Iterations { get; init; }
    public required double TypicalMicroseconds { get; init; }
    public required double AverageMicroseconds { get; init; }
    public required double MinimumMicroseconds { get; init; }
    public required double MaximumMicroseconds { get; init; }

    /// <summary>ib_read_lat's own output, as it printed it.</summary>
    public required string Output { get; init; }
}

namespace Dragline.Cli.Doctor;

/// <summary>An RDMA NIC in the affinity table.</summary>
public sealed record DoctorAffinityNic(string Address, string? NetDevice, string? RdmaDevice, int NumaNode);

namespace Dragline.Cli.Doctor;

/// <summary>How many findings have each status.</summary>
public sealed record DoctorCounts(int Pass, int Warn, int Fail, int Skip);

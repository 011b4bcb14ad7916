namespace Dragline.Cli.Doctor;

/// <summary>A value the doctor read and where it read it (a path on the host, or a live source).</summary>
public sealed record DoctorEvidence(string Value, string Source);

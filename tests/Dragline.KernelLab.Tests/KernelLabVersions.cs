using System.Globalization;

namespace Dragline.KernelLab.Tests;

/// <summary>
/// What tests/kernel-lab/fetch-packages.sh resolved at run time (versions.txt): "kernel-release R", "qemu-version V",
/// then one "ROLE PACKAGE VERSION SUITE" line per package.
/// </summary>
public sealed record KernelLabVersions(string KernelRelease, string KernelPackage, string QemuVersion, string QemuSuite)
{
    /// <summary>QEMU's upstream major version (1:10.0.2+ds-2... is 10).</summary>
    public int QemuMajor
    {
        get
        {
            string upstream = QemuVersion[(QemuVersion.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return int.Parse(upstream[..upstream.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        }
    }

    public static KernelLabVersions Parse(string text)
    {
        List<string[]> lines = [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        string[] Line(Func<string[], bool> match, int fields, string what) =>
            lines.FirstOrDefault(w => w.Length >= fields && match(w)) ?? throw new FormatException($"versions.txt has no {what} line:\n{text}");
        string[] release = Line(w => w[0] == "kernel-release", 2, "kernel-release");
        string[] binary = Line(w => w[0] == "kernel" && w[1].StartsWith("linux-binary-", StringComparison.Ordinal), 4, "kernel linux-binary-*");
        string[] qemu = Line(w => w[0] == "qemu-version", 2, "qemu-version");
        string[] qemuPackage = Line(w => w[0] == "qemu" && w[1] == "qemu-system-x86", 4, "qemu qemu-system-x86");
        return new KernelLabVersions(release[1], $"{binary[1]} {binary[2]} from {binary[3]}", qemu[1], qemuPackage[3]);
    }

    public override string ToString() => $"kernel {KernelRelease} ({KernelPackage}), QEMU {QemuVersion} (from {QemuSuite})";
}

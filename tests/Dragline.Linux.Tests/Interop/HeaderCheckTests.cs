using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Dragline.Linux.Interop;
using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Tests.Interop;

/// <summary>
/// Compiles a small C program against the machine's kernel uapi headers that prints every constant,
/// struct size and field offset we define, and compares each with our C# value. The constant and
/// struct lists come from our own types by reflection, so a new constant is checked automatically.
/// </summary>
public sealed class HeaderCheckTests
{
    private static readonly Type[] ConstantClasses = [typeof(LibCConstants), typeof(NetlinkUapi), typeof(RtnetlinkUapi), typeof(RdmaNetlinkUapi), typeof(Errnos)];

    private static readonly Type[] Structs =
    [
        typeof(nlmsghdr), typeof(nlattr), typeof(nlmsgerr), typeof(sockaddr_nl),
        typeof(ifinfomsg), typeof(ifaddrmsg), typeof(rtmsg), typeof(fib_rule_hdr), typeof(ndmsg),
        typeof(ifla_vf_mac), typeof(ifla_vf_vlan), typeof(ifla_vf_vlan_info), typeof(ifla_vf_tx_rate), typeof(ifla_vf_rate),
        typeof(ifla_vf_spoofchk), typeof(ifla_vf_link_state), typeof(ifla_vf_trust), typeof(ifla_vf_guid),
    ];

    private static readonly string[] Headers =
    [
        "stdio.h", "stddef.h", "errno.h", "signal.h", "fcntl.h", "sched.h", "sys/socket.h", "sys/mount.h", "sys/stat.h",
        "sys/file.h",
        "linux/netlink.h", "linux/rtnetlink.h", "linux/if_link.h", "linux/if_addr.h", "linux/fib_rules.h",
        "linux/neighbour.h", "linux/veth.h", "linux/if.h", "linux/if_arp.h", "linux/if_ether.h", "rdma/rdma_netlink.h",
    ];

    [Fact]
    public void ConstantsAndStructLayoutsMatchTheKernelHeaders()
    {
        string? gcc = FindOnPath("gcc");
        if (gcc is null)
        {
            Assert.Skip("gcc is not installed; install the gcc package (scripts/debian-packages.txt) to check interop numbers against the C headers.");
        }

        if (!File.Exists("/usr/include/linux/netlink.h") || !File.Exists("/usr/include/rdma/rdma_netlink.h"))
        {
            Assert.Skip("Kernel uapi headers are missing; install linux-libc-dev to check interop numbers against the C headers.");
        }

        var expected = new List<(string Expression, long Value, int Bits)>();
        foreach (Type type in ConstantClasses)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                object value = field.GetRawConstantValue()!;
                int bits = Marshal.SizeOf(value.GetType()) * 8;
                expected.Add((field.Name, Convert.ToInt64(value, CultureInfo.InvariantCulture), bits));
            }
        }

        foreach (ushort command in new[] { RdmaNetlinkUapi.RDMA_NLDEV_CMD_GET, RdmaNetlinkUapi.RDMA_NLDEV_CMD_SET, RdmaNetlinkUapi.RDMA_NLDEV_CMD_SYS_SET })
        {
            string name = ConstantClasses[3].GetFields().Single(f => f.IsLiteral && f.FieldType == typeof(ushort) && (ushort)f.GetRawConstantValue()! == command && f.Name.StartsWith("RDMA_NLDEV_CMD_", StringComparison.Ordinal)).Name;
            expected.Add(($"RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, {name})", RdmaNetlinkUapi.RDMA_NL_GET_TYPE(RdmaNetlinkUapi.RDMA_NL_NLDEV, command), 16));
        }

        foreach (Type type in Structs)
        {
            expected.Add(($"sizeof(struct {type.Name})", Marshal.SizeOf(type), 64));
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                expected.Add(($"offsetof(struct {type.Name}, {field.Name})", Marshal.OffsetOf(type, field.Name).ToInt64(), 64));
            }
        }

        Dictionary<string, long> actual = CompileAndRun(gcc, expected.Select(e => e.Expression));
        var mismatches = new List<string>();
        foreach ((string expression, long value, int bits) in expected)
        {
            long c = actual[expression];
            long mask = bits >= 64 ? -1L : (1L << bits) - 1;
            if ((c & mask) != (value & mask))
            {
                mismatches.Add($"{expression}: C# {value}, C {c}");
            }
        }

        Assert.True(expected.Count > 250, $"only {expected.Count} values were checked");
        Assert.Empty(mismatches);
    }

    private static Dictionary<string, long> CompileAndRun(string gcc, IEnumerable<string> expressions)
    {
        var source = new StringBuilder("#define _GNU_SOURCE\n");
        foreach (string header in Headers)
        {
            source.Append("#include <").Append(header).Append(">\n");
        }

        source.Append("int main(void) {\n");
        foreach (string expression in expressions)
        {
            source.Append("    printf(\"%s=%lld\\n\", \"").Append(expression).Append("\", (long long)(").Append(expression).Append("));\n");
        }

        source.Append("    return 0;\n}\n");

        string directory = Directory.CreateTempSubdirectory("dragline-header-check").FullName;
        try
        {
            string sourcePath = Path.Combine(directory, "check.c");
            string binaryPath = Path.Combine(directory, "check");
            File.WriteAllText(sourcePath, source.ToString());
            (int compileExit, string compileOutput) = Run(gcc, ["-Wall", "-o", binaryPath, sourcePath]);
            Assert.True(compileExit == 0, "gcc failed:\n" + compileOutput);
            (int runExit, string output) = Run(binaryPath, []);
            Assert.Equal(0, runExit);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

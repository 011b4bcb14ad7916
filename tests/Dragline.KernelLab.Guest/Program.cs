using Dragline.Core;
using Dragline.Linux;

namespace Dragline.KernelLab.Guest;

/// <summary>
/// The kernel lab's guest program: each subcommand performs one step of a scenario with Dragline's
/// own Linux code and prints what it did or read as "record key=value ..." lines that the scenario
/// scripts (tests/kernel-lab/scenarios) check. Errors print "error: ..." and exit 1; usage errors exit 2.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: dragline-lab-guest COMMAND [ARGS]
          version
          netns-add NAME | netns-delete NAME
          veth-add NAME PEER [PEER_NETNS]          create a veth pair (the peer in a named namespace)
          link-setup NAME ADDRESS/PREFIX [NETNS]    set a link up with an address
          link-move NAME NETNS                      move a link into a named namespace
          rdma-list [NETNS]                         RDMA devices with their ports' netdevs
          rdma-mode [NETNS]                         the RDMA netns mode
          rdma-set-mode shared|exclusive
          rdma-add-rxe NAME NETDEV [NETNS]          a Soft-RoCE device over NETDEV (a netdev in NETNS)
          rdma-move DEVICE NETNS                    move an RDMA device into a named namespace
          rdma-delete DEVICE [NETNS]
          sriov-set-numvfs PCI N                    write sriov_numvfs (0 first when changing)
          sriov-show PCI                            the PF's SR-IOV state and VFs through sysfs discovery
          vf-set PF_NETDEV VF mac=MAC trust=on|off spoofchk=on|off vlan=ID
          vf-show PF_NETDEV                         the PF's VFs as rtnetlink reports them
          discover                                  RDMA devices and VF netdevs from sysfs discovery
          sriov-policy-apply MANIFEST               plan and apply the manifest's SriovNetworkNodePolicies (Dragline.Sriov)
          sriov-device-pool MANIFEST DEVINFO_DIR    the device-plugin pools the policies define, on the live VFs, and one Allocate
          lab-up MANIFEST [PREFIX]                  the exclusive-mode lab of 'dragline lab up --kernel' (default prefix dl-)
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            string[] rest = args[1..];
            switch (args[0])
            {
                case "version":
                    Console.WriteLine($"dragline-lab-guest {typeof(Program).Assembly.GetName().Version}");
                    return 0;
                case "netns-add":
                    NamespaceCommands.Add(Arg(rest, 0, "NAME"));
                    return 0;
                case "netns-delete":
                    NamespaceCommands.Delete(Arg(rest, 0, "NAME"));
                    return 0;
                case "veth-add":
                    NamespaceCommands.AddVeth(Arg(rest, 0, "NAME"), Arg(rest, 1, "PEER"), Optional(rest, 2));
                    return 0;
                case "link-setup":
                    NamespaceCommands.SetupLink(Arg(rest, 0, "NAME"), Arg(rest, 1, "ADDRESS/PREFIX"), Optional(rest, 2));
                    return 0;
                case "link-move":
                    NamespaceCommands.MoveLink(Arg(rest, 0, "NAME"), Arg(rest, 1, "NETNS"));
                    return 0;
                case "rdma-list":
                    RdmaCommands.List(Optional(rest, 0));
                    return 0;
                case "rdma-mode":
                    RdmaCommands.ShowMode(Optional(rest, 0));
                    return 0;
                case "rdma-set-mode":
                    RdmaCommands.SetMode(Arg(rest, 0, "shared|exclusive"));
                    return 0;
                case "rdma-add-rxe":
                    RdmaCommands.AddRxe(Arg(rest, 0, "NAME"), Arg(rest, 1, "NETDEV"), Optional(rest, 2));
                    return 0;
                case "rdma-move":
                    RdmaCommands.Move(Arg(rest, 0, "DEVICE"), Arg(rest, 1, "NETNS"));
                    return 0;
                case "rdma-delete":
                    RdmaCommands.Delete(Arg(rest, 0, "DEVICE"), Optional(rest, 1));
                    return 0;
                case "sriov-set-numvfs":
                    SriovCommands.SetNumVfs(Arg(rest, 0, "PCI"), Arg(rest, 1, "N"));
                    return 0;
                case "sriov-show":
                    SriovCommands.Show(Arg(rest, 0, "PCI"));
                    return 0;
                case "vf-set":
                    SriovCommands.SetVf(Arg(rest, 0, "PF_NETDEV"), Arg(rest, 1, "VF"), rest[2..]);
                    return 0;
                case "vf-show":
                    SriovCommands.ShowVfs(Arg(rest, 0, "PF_NETDEV"));
                    return 0;
                case "discover":
                    DiscoveryCommands.Discover();
                    return 0;
                case "sriov-policy-apply":
                    PolicyCommands.Apply(Arg(rest, 0, "MANIFEST"));
                    return 0;
                case "sriov-device-pool":
                    if (!OperatingSystem.IsLinux())
                    {
                        throw new PlatformNotSupportedException("sriov-device-pool runs on Linux only");
                    }

                    DevicePoolCommands.Show(Arg(rest, 0, "MANIFEST"), Arg(rest, 1, "DEVINFO_DIR"));
                    return 0;
                case "lab-up":
                    LabCommands.Up(Arg(rest, 0, "MANIFEST"), Optional(rest, 1) ?? "dl-");
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown command '{args[0]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (UsageException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (Exception exception) when (exception is DraglineException or LinuxException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {exception.GetType().Name}: {exception.Message}");
            return 1;
        }
    }

    private static string Arg(string[] args, int index, string name) =>
        index < args.Length ? args[index] : throw new UsageException($"missing argument {name}");

    private static string? Optional(string[] args, int index) => index < args.Length ? args[index] : null;
}

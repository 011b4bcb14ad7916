using System.CommandLine;

namespace Dragline.Cli;

/// <summary>Builds the <c>dragline</c> command tree. Each command lives in its own file.</summary>
public static class CliCommands
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Dragline: RDMA and underlay networking for Kubernetes pods, speaking the Spiderpool API.");
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(RenderCommand.Build());
        root.Subcommands.Add(Doctor.DoctorCommand.Build());
        root.Subcommands.Add(ObjectCommands.ApplyCommand.Build());
        root.Subcommands.Add(ObjectCommands.GetCommand.Build());
        root.Subcommands.Add(ObjectCommands.DeleteCommand.Build());
        root.Subcommands.Add(AgentCommand.Build());
        root.Subcommands.Add(LabCommand.Build());
        root.Subcommands.Add(PolicyCommand.Build());
        return root;
    }
}

using System.CommandLine;
using Dragline.Cli;

RootCommand root = CliCommands.BuildRoot();
return root.Parse(args).Invoke();

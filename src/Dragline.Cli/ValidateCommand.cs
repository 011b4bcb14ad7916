using System.CommandLine;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;

namespace Dragline.Cli;

/// <summary>
/// <c>dragline validate -f FILE|-</c>: reads manifests as kubectl would, applies the webhooks' defaulting and
/// validation offline, and prints one line per problem (<c>Kind/namespace/name: field.path: message</c>).
/// Exit 0 when nothing is wrong or only warnings, 1 on any error, unreadable file or YAML syntax error.
/// </summary>
public static class ValidateCommand
{
    private const string Description =
        """
        Check Spiderpool and SR-IOV operator manifests offline, as the admission webhooks would.
        Objects are defaulted and validated in file order; earlier objects count as existing ones (pool overlaps, policy conflicts).
        Kinds Dragline does not model (Deployments, DaemonSets, ...) are read and ignored. Unknown fields are errors.
        Prints one line per problem, 'Kind/namespace/name: field.path: message' ('warning: ' first for warnings);
        exits 0 when there are no errors, 1 otherwise.

        Examples:
          dragline validate -f examples/seed/ib-sriov.yaml
          kubectl get spiderippools -o yaml | dragline validate -f -
        """;

    /// <summary>Builds the command. <paramref name="standardInput"/> replaces the console's input for <c>-f -</c> (tests).</summary>
    public static Command Build(TextReader? standardInput = null)
    {
        var files = new Option<string[]>("--file", "-f")
        {
            Description = "Manifest file, directory (its *.yaml, *.yml, *.json files) or '-' for standard input; repeatable.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("validate", Description);
        command.Options.Add(files);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(files) ?? [],
            standardInput ?? Console.In,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the validation; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> paths, TextReader standardInput, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(standardInput);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var documents = new List<ManifestDocument>();
        try
        {
            foreach (string path in paths)
            {
                foreach (string file in Expand(path))
                {
                    documents.AddRange(file == "-"
                        ? ManifestReader.Default.ReadText(standardInput, "-")
                        : ManifestReader.Default.ReadFile(file));
                }
            }
        }
        catch (ManifestSyntaxException ex)
        {
            error.WriteLine($"dragline validate: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dragline validate: cannot read manifests: {ex.Message}");
            return 1;
        }

        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(documents);
        foreach (ValidationProblem problem in problems)
        {
            output.WriteLine(problem.ToString());
        }

        int errors = problems.Count(p => p.Severity == ValidationSeverity.Error);
        if (errors > 0)
        {
            error.WriteLine($"dragline validate: {errors} error(s) in {documents.Count} object(s)");
            return 1;
        }

        error.WriteLine($"dragline validate: OK, {documents.Count} object(s)");
        return 0;
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (path == "-" || !Directory.Exists(path))
        {
            return [path];
        }

        return Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }
}

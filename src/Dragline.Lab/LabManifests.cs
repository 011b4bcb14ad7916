using Dragline.Api.Serialization;

namespace Dragline.Lab;

/// <summary>Finds and reads the lab's manifests.</summary>
public static class LabManifests
{
    public const string DefaultRelativePath = "examples/lab/seed-shared.yaml";

    /// <summary>The default of <c>lab up --kernel</c>: the seed's exclusive-mode network in the kernel-lab guest.</summary>
    public const string KernelDefaultRelativePath = "examples/lab/seed-exclusive.yaml";

    /// <summary>
    /// The default manifest: <c>examples/lab/seed-shared.yaml</c> in the current directory or above the running
    /// binary (a clone's <c>artifacts/bin/dragline</c> finds the clone's examples).
    /// </summary>
    public static string FindDefault(string relativePath = DefaultRelativePath)
    {
        List<string> candidates = Candidates(relativePath);
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new LabException($"no -f given and the default {relativePath} was not found (looked in {string.Join(", ", candidates.Distinct())}); pass -f FILE");
    }

    /// <summary><paramref name="relativePath"/> under the current directory, then under each of the 5 folders above the running binary.</summary>
    public static List<string> Candidates(string relativePath)
    {
        var candidates = new List<string> { Path.Combine(Directory.GetCurrentDirectory(), relativePath) };
        string? directory = Environment.ProcessPath is { } binary ? Path.GetDirectoryName(binary) : null;
        for (int i = 0; directory is not null && i < 5; i++)
        {
            candidates.Add(Path.Combine(directory, relativePath));
            directory = Path.GetDirectoryName(directory);
        }

        return candidates;
    }

    public static List<ManifestDocument> Read(IReadOnlyList<string> paths, string defaultRelativePath = DefaultRelativePath)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<ManifestDocument>();
        foreach (string path in paths.Count == 0 ? [FindDefault(defaultRelativePath)] : paths)
        {
            IEnumerable<string> files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                : [path];
            foreach (string file in files)
            {
                try
                {
                    documents.AddRange(ManifestReader.Default.ReadFile(file));
                }
                catch (ManifestSyntaxException ex)
                {
                    throw new LabException(ex.Message, ex);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new LabException($"cannot read manifest '{file}': {ex.Message}", ex);
                }
            }
        }

        return documents;
    }
}

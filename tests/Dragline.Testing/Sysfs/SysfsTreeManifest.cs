namespace Dragline.Testing.Sysfs;

/// <summary>
/// A declarative sysfs/procfs fixture: the entries of a <c>tests/testdata/sysfs/SCENARIO.tree</c>
/// manifest (format in <c>tests/testdata/sysfs/README.md</c>; <c>build.sh</c> beside it reads the same
/// format). <see cref="Materialise"/> writes real files, folders and symbolic links.
/// </summary>
public sealed class SysfsTreeManifest
{
    private SysfsTreeManifest(IReadOnlyList<SysfsTreeEntry> entries) => Entries = entries;

    public IReadOnlyList<SysfsTreeEntry> Entries { get; }

    public static SysfsTreeManifest Load(string path) => Parse(File.ReadAllText(path), path);

    public static SysfsTreeManifest Parse(string text, string sourceName = "manifest")
    {
        var entries = new List<SysfsTreeEntry>();
        string dir = "";
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                dir = line[1..^1];
                entries.Add(SysfsTreeEntry.Folder(dir));
                continue;
            }

            if (line.EndsWith(" <<EOF", StringComparison.Ordinal))
            {
                string name = line[..^" <<EOF".Length];
                var content = new System.Text.StringBuilder();
                int start = i;
                while (true)
                {
                    if (++i >= lines.Length)
                    {
                        throw new FormatException($"{sourceName}:{start + 1}: file '{name}' has no closing EOF line.");
                    }

                    if (lines[i] == "EOF")
                    {
                        break;
                    }

                    content.Append(lines[i]).Append('\n');
                }

                entries.Add(SysfsTreeEntry.File(Join(dir, name), content.ToString()));
                continue;
            }

            // Whichever separator comes first decides: "name -> target" or "name = text".
            int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            int equals = line.IndexOf(" = ", StringComparison.Ordinal);
            if (arrow > 0 && (equals < 0 || arrow < equals))
            {
                entries.Add(SysfsTreeEntry.Link(Join(dir, line[..arrow]), line[(arrow + 4)..]));
            }
            else if (equals > 0)
            {
                entries.Add(SysfsTreeEntry.File(Join(dir, line[..equals]), line[(equals + 3)..] + "\n"));
            }
            else if (line.EndsWith(" =", StringComparison.Ordinal))
            {
                entries.Add(SysfsTreeEntry.File(Join(dir, line[..^2]), "\n"));
            }
            else if (line.EndsWith('/'))
            {
                entries.Add(SysfsTreeEntry.Folder(Join(dir, line[..^1])));
            }
            else
            {
                throw new FormatException(
                    $"{sourceName}:{i + 1}: cannot read '{line}': expected [dir], name = text, name -> target, name/ or name <<EOF.");
            }
        }

        return new SysfsTreeManifest(entries);
    }

    /// <summary>Writes the tree under <paramref name="destination"/>, which must not exist yet.</summary>
    public void Materialise(string destination)
    {
        if (Directory.Exists(destination) || File.Exists(destination))
        {
            throw new IOException($"'{destination}' already exists; materialise into a new folder.");
        }

        Directory.CreateDirectory(destination);
        foreach (SysfsTreeEntry entry in Entries)
        {
            string path = Path.Combine(destination, entry.Path);
            switch (entry.Kind)
            {
                case SysfsTreeEntryKind.Folder:
                    Directory.CreateDirectory(path);
                    break;
                case SysfsTreeEntryKind.File:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, entry.Content);
                    break;
                case SysfsTreeEntryKind.Link:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.CreateSymbolicLink(path, entry.Content);
                    break;
            }
        }
    }

    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;
}

using System.Text;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Serialization;

namespace Dragline.Api.Tests.Serialization;

/// <summary>Manifests can come from anyone who can write a file the CLI or agent reads: size and alias expansion are bounded.</summary>
public sealed class ManifestReaderLimitsTests
{
    [Fact]
    public void BillionLaughs_IsRefusedWithinBoundedMemory()
    {
        // Nine levels of ten aliases: about 10^9 scalars from under 1 KiB of text.
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n");
        yaml.Append("  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++)
        {
            string previous = $"*{(char)(level - 1)}";
            yaml.Append($"  {level}: &{level} [{string.Join(",", Enumerable.Repeat(previous, 10))}]\n");
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(
            () => ManifestReader.Default.ReadString(yaml.ToString(), "lol.yaml"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("1,000,000 nodes", error.Detail, StringComparison.Ordinal);
        Assert.Contains("anchors", error.Detail, StringComparison.Ordinal);
        Assert.StartsWith("lol.yaml:", error.Message, StringComparison.Ordinal);
        // Points at the first level that alone is too big (f: 10^6 scalars plus its lists), not at the document.
        Assert.Equal(10, error.Line);
        Assert.InRange(allocated, 0, 16L * 1024 * 1024);
    }

    [Fact]
    public void AliasExpansion_IsBudgetedAcrossTheDocumentsOfAFile()
    {
        // Each document expands to 136 nodes (b alone is 1 + 5 × 21): with a budget of 300, two fit and the third does not.
        const string document = """
            apiVersion: v1
            kind: ConfigMap
            data:
              a: &a [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]
              b: [*a, *a, *a, *a, *a]
            """;
        var reader = new ManifestReader { MaxExpandedNodes = 300 };

        Assert.Equal(2, reader.ReadString(document + "\n---\n" + document, "two.yaml").Count);
        ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(
            () => reader.ReadString(document + "\n---\n" + document + "\n---\n" + document, "three.yaml"));
        Assert.Contains("more than 300 nodes", error.Detail, StringComparison.Ordinal);
        Assert.Equal(17, error.Line);
    }

    [Fact]
    public void AliasedLongScalar_IsRefusedByExpandedCharacters()
    {
        string value = new('v', 1024 * 1024);
        string yaml = $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: wide}}\ndata:\n  a: &a {value}\n  b: [{string.Join(",", Enumerable.Repeat("*a", 40))}]\n";

        ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadString(yaml, "wide.yaml"));

        Assert.Contains("characters", error.Detail, StringComparison.Ordinal);
        Assert.Contains("33,554,432", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ModestAliases_StillExpand()
    {
        const string yaml = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: p
              labels: &labels {rail: "0", team: hpc}
              annotations: *labels
            spec:
              subnet: 10.0.0.0/24
              ips: [&first 10.0.0.10, *first]
            """;

        ManifestDocument document = Assert.Single(ManifestReader.Default.ReadString(yaml, "ok.yaml"));

        SpiderIPPool pool = Assert.IsType<SpiderIPPool>(document.Object);
        Assert.Equal("hpc", pool.Metadata.Annotations!["team"]);
        Assert.Equal(["10.0.0.10", "10.0.0.10"], pool.Spec.IPs!);
        Assert.Equal("""{"rail":"0","team":"hpc"}""", document.Json["metadata"]!["annotations"]!.ToJsonString());
    }

    [Fact]
    public void TextOverTheLimit_IsRefusedNamingTheSourceAndTheLimit()
    {
        string text = "#" + new string('x', ManifestReader.MaxInputBytes) + "\n";

        ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadString(text, "huge.yaml"));

        Assert.StartsWith("huge.yaml:1:1: the manifest is 8,388,610 bytes, over the limit of 8 MiB (8,388,608 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("split it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAtTheLimit_IsRead()
    {
        // Exactly 8 MiB of comment: no documents, no error.
        string text = "#" + new string('x', ManifestReader.MaxInputBytes - 2) + "\n";

        Assert.Empty(ManifestReader.Default.ReadString(text, "edge.yaml"));
    }

    [Fact]
    public void FileOverTheLimit_IsRefusedBeforeReading()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dragline-huge-{Guid.NewGuid():N}.yaml");
        try
        {
            using (FileStream file = File.Create(path))
            {
                file.SetLength(ManifestReader.MaxInputBytes + 4096L);
            }

            ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadFile(path));

            Assert.Equal(path, error.SourceName);
            Assert.Contains("8,392,704 bytes", error.Detail, StringComparison.Ordinal);
            Assert.Contains("8 MiB", error.Detail, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EndlessStream_IsRefusedAfterTheLimit()
    {
        var stream = new EndlessStream();

        ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadStream(stream, "-"));

        Assert.StartsWith("-:1:1: the manifest is over the limit of 8 MiB", error.Message, StringComparison.Ordinal);
        Assert.InRange(stream.Served, ManifestReader.MaxInputBytes, ManifestReader.MaxInputBytes + (1024L * 1024));
    }

    [Fact]
    public void EndlessTextReader_IsRefusedAfterTheLimit()
    {
        var reader = new EndlessReader();

        ManifestSyntaxException error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadText(reader, "-"));

        Assert.StartsWith("-:1:1: the manifest is over the limit of 8 MiB", error.Message, StringComparison.Ordinal);
        Assert.InRange(reader.Served, ManifestReader.MaxInputBytes, ManifestReader.MaxInputBytes + (1024L * 1024));
    }

    [Fact]
    public void TextReader_IsReadLikeAString()
    {
        const string yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n";

        ManifestDocument document = Assert.Single(ManifestReader.Default.ReadText(new StringReader(yaml), "-"));

        Assert.Equal("Namespace/team-a", document.Object.DisplayName);
    }

    /// <summary>A console that is never closed: comment characters forever.</summary>
    private sealed class EndlessReader : TextReader
    {
        public long Served { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            buffer.AsSpan(index, count).Fill('#');
            Served += count;
            return count;
        }
    }

    /// <summary>Standard input that never ends: comment bytes forever.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'#');
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

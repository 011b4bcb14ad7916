using Dragline.Core;
using Dragline.Linux.Namespaces;

namespace Dragline.Linux.IntegrationTests.Namespaces;

public sealed class NetworkNamespaceTests
{
    private static string CurrentNamespaceId() => new FileInfo(NetworkNamespace.CurrentThreadNamespacePath()).LinkTarget!;

    [Fact]
    public void CreateMakesANewNamespaceUnderVarRunNetnsAndDeleteRemovesIt()
    {
        ScratchNamespace.SkipUnlessRoot();
        string name = "dlt-ns-" + Environment.ProcessId;
        try
        {
            string before = CurrentNamespaceId();
            using (NetworkNamespace created = NetworkNamespace.Create(name))
            {
                Assert.True(File.Exists("/var/run/netns/" + name));
                string inside = created.Run(CurrentNamespaceId);
                Assert.StartsWith("net:[", inside, StringComparison.Ordinal);
                Assert.NotEqual(before, inside);

                using NetworkNamespace reopened = NetworkNamespace.OpenByName(name);
                Assert.Equal(inside, reopened.Run(CurrentNamespaceId));
            }

            Assert.Equal(before, CurrentNamespaceId());
            Assert.True(NetworkNamespace.Delete(name));
            Assert.False(File.Exists("/var/run/netns/" + name));
            Assert.False(NetworkNamespace.Delete(name));
        }
        finally
        {
            NetworkNamespace.Delete(name);
        }
    }

    [Fact]
    public void CreatingAnExistingNameFailsWithConflict()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        LinuxException error = Assert.Throws<LinuxException>(() => NetworkNamespace.Create(scratch.Name));
        Assert.Equal(DraglineErrorReason.Conflict, error.Reason);
        Assert.Contains(scratch.Name, error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(NetworkNamespace.PathOf(scratch.Name)));
    }

    [Fact]
    public void RunRethrowsTheCallbacksExceptionAndLeavesTheCallerWhereItWas()
    {
        using ScratchNamespace scratch = ScratchNamespace.Create();
        string before = CurrentNamespaceId();
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => scratch.Namespace.Run(() => throw new InvalidOperationException("inside")));
        Assert.Equal("inside", error.Message);
        Assert.Equal(before, CurrentNamespaceId());
        int callerThread = Environment.CurrentManagedThreadId;
        Assert.NotEqual(callerThread, scratch.Namespace.Run(() => Environment.CurrentManagedThreadId));
    }

    [Fact]
    public void OpenCurrentIsTheCallersNamespace()
    {
        ScratchNamespace.SkipUnlessRoot();
        using NetworkNamespace current = NetworkNamespace.OpenCurrent();
        Assert.Equal(CurrentNamespaceId(), current.Run(CurrentNamespaceId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void InvalidNamesAreRejectedBeforeTouchingTheSystem(string name)
    {
        DraglineException error = Assert.Throws<DraglineException>(() => NetworkNamespace.Create(name));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
    }
}

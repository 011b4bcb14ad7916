using System.Net;
using Dragline.Core;
using Dragline.Core.Net;
using Dragline.Linux.FileSystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.Hosting.Tests;

/// <summary><see cref="UnixSocketWebHost"/> and <see cref="UnixSocketPreparer"/> on real sockets and directories.</summary>
public sealed class UnixSocketWebHostTests : IDisposable
{
    private const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _dir = Directory.CreateTempSubdirectory("dl-host-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static Task<UnixSocketWebHost> StartAsync(string socket) => UnixSocketWebHost.StartAsync(
        new UnixSocketWebHostOptions { SocketPath = socket, Name = "test" },
        NullLoggerFactory.Instance,
        configureServices: null,
        app => app.Run(context => context.Response.WriteAsync("hello")),
        TestContext.Current.CancellationToken);

    [Fact]
    public async Task Serves_http_on_a_0600_socket_in_a_0700_directory_it_creates_and_removes_the_socket_on_dispose()
    {
        string socket = Path.Combine(_dir, "made", "here", "test.sock");
        UnixSocketWebHost host = await StartAsync(socket);
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
            Assert.Equal(Rwx, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));
            using var client = new HttpClient(UnixSocketHttpHandler.Create(socket)) { BaseAddress = new Uri("http://test") };
            Assert.Equal("hello", await client.GetStringAsync("/", TestContext.Current.CancellationToken));
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task The_umask_is_restored_after_the_bind()
    {
        UnixFileMode before = ProcessUmask.Set(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        try
        {
            await using UnixSocketWebHost host = await StartAsync(Path.Combine(_dir, "test.sock"));
            Assert.Equal(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite, ProcessUmask.Set(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        }
        finally
        {
            ProcessUmask.Set(before);
        }
    }

    [Fact]
    public async Task Files_created_while_narrowed_are_owner_only()
    {
        string file = Path.Combine(_dir, "narrowed");
        await ProcessUmask.NarrowAsync(ProcessUmask.OwnerOnly, () =>
        {
            File.WriteAllText(file, "x");
            return Task.FromResult(true);
        }, TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Theory]
    [InlineData("0777", UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)]
    [InlineData("0770", UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute)]
    [InlineData("0702", UnixFileMode.OtherWrite)]
    public async Task A_directory_others_can_write_is_refused_with_its_mode_and_the_fix(string octal, UnixFileMode extra)
    {
        string loose = Path.Combine(_dir, "loose");
        Directory.CreateDirectory(loose);
        File.SetUnixFileMode(loose, Rwx | extra);

        DraglineException ex = await Assert.ThrowsAsync<DraglineException>(() => StartAsync(Path.Combine(loose, "test.sock")));

        Assert.Equal(DraglineErrorReason.InvalidValue, ex.Reason);
        Assert.Contains($"the test socket directory '{loose}' has mode {octal}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0700 {loose}", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(loose, "test.sock")));
    }

    [Fact]
    public async Task A_directory_that_only_its_owner_writes_is_accepted_even_if_others_may_read_it()
    {
        string readable = Path.Combine(_dir, "readable");
        Directory.CreateDirectory(readable);
        File.SetUnixFileMode(readable, Rwx | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await using UnixSocketWebHost host = await StartAsync(Path.Combine(readable, "test.sock"));

        Assert.True(host.SocketExists);
    }

    [Fact]
    public async Task As_root_a_directory_root_does_not_own_is_refused()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("needs root: only root can give a directory to another user");
        }

        string foreign = Path.Combine(_dir, "foreign");
        Directory.CreateDirectory(foreign);
        File.SetUnixFileMode(foreign, Rwx);
        await Chown(foreign, "1234");

        DraglineException ex = await Assert.ThrowsAsync<DraglineException>(() => StartAsync(Path.Combine(foreign, "test.sock")));

        Assert.Contains($"the test socket directory '{foreign}' (mode 0700) is owned by uid 1234, not root", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chown root:root {foreign} && chmod 0700 {foreign}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_socket_is_refused_and_a_stale_one_replaced()
    {
        string socket = Path.Combine(_dir, "test.sock");
        await using (UnixSocketWebHost live = await StartAsync(socket))
        {
            DraglineException ex = await Assert.ThrowsAsync<DraglineException>(() => StartAsync(socket));
            Assert.Contains("already serves the test socket", ex.Message, StringComparison.Ordinal);
            Assert.True(live.SocketExists);
        }

        using (var dead = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            // Bound, never listening: what a killed server leaves. Moved away before the dispose, which unlinks the bound path.
            string bound = Path.Combine(_dir, "bound.sock");
            dead.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(bound));
            File.Move(bound, socket);
        }

        await using UnixSocketWebHost replaced = await StartAsync(socket);
        using var client = new HttpClient(UnixSocketHttpHandler.Create(socket)) { BaseAddress = new Uri("http://test") };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task Chown(string path, string owner)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [owner, path]);
        await chown.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, chown.ExitCode);
    }
}

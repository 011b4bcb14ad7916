using System.Runtime.Versioning;
using Dragline.Core;
using Dragline.Ipam.Store;
using Dragline.Ipam.Stores;
using Dragline.Ipam.Tests.Store;
using dotnet_etcd;
using Etcdserverpb;

namespace Dragline.Ipam.IntegrationTests;

/// <summary>
/// The etcd store against a member with authentication enabled (its own member: enabling auth on the shared cluster
/// would lock the other tests out), credentials coming from a <c>user-file</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EtcdAuthTests
{
    [Fact]
    public async Task RightPassword_CommitAndRead_WrongPassword_NamesTheUser()
    {
        if (!EtcdCluster.IsAvailable)
        {
            Assert.Skip($"{EtcdCluster.EtcdBinary} is not installed (Debian package etcd-server)");
        }

        CancellationToken ct = TestContext.Current.CancellationToken;
        await using EtcdCluster cluster = await EtcdCluster.StartAsync(1, ct);
        using (var admin = new EtcdClient(cluster.Endpoints[0].GetLeftPart(UriPartial.Authority), configureChannelOptions: o => o.Credentials = Grpc.Core.ChannelCredentials.Insecure))
        {
            await admin.UserAddAsync(new AuthUserAddRequest { Name = "root", Password = "root-secret" }, cancellationToken: ct);
            await admin.UserGrantRoleAsync(new AuthUserGrantRoleRequest { User = "root", Role = "root" }, cancellationToken: ct);
            await admin.AuthEnableAsync(new AuthEnableRequest(), cancellationToken: ct);
        }

        using var dir = new TempDirectory();
        string endpoint = cluster.Endpoints[0].Authority;
        string right = WriteUserFile(dir, "right", "root:root-secret");
        await using (IStateStore store = StateStoreFactory.Open($"etcd://{endpoint}/auth?user-file={right}"))
        {
            CommitResult result = await store.CommitAsync("pool-a", StoreVersion.None,
                [AllocationChange.Reserve(new AllocationRecord("10.0.0.7", new AllocationOwner("", "", "", "abc123", "eth0", "host1"), DateTimeOffset.UnixEpoch))], ct);
            Assert.True(result.IsCommitted);
            Assert.Equal("abc123", (await store.ReadPoolAsync("pool-a", ct)).Records["10.0.0.7"].Owner.ContainerId);
        }

        // Without credentials etcd refuses the read: the round trip above proves the token was sent.
        await using (IStateStore anonymous = StateStoreFactory.Open($"etcd://{endpoint}/auth"))
        {
            DraglineException anonymousError = await Assert.ThrowsAsync<DraglineException>(() => anonymous.ReadPoolAsync("pool-a", ct).AsTask());
            Assert.True(anonymousError.Message.Contains("add user-file=", StringComparison.Ordinal), anonymousError.Message);
        }

        string wrong = WriteUserFile(dir, "wrong", "root:not-the-password");
        await using IStateStore refused = StateStoreFactory.Open($"etcd://{endpoint}/auth?user-file={wrong}");
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(() => refused.ReadPoolAsync("pool-a", ct).AsTask());
        Assert.True(error.Message.Contains("user 'root'", StringComparison.Ordinal), error.Message);
        Assert.True(error.Message.Contains("authentication", StringComparison.Ordinal), error.Message);
        Assert.False(error.Message.Contains("not-the-password", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void UserFileReadableByOthers_IsRefusedWithChmod()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "loose");
        File.WriteAllText(path, "root:secret");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        DraglineException error = Assert.Throws<DraglineException>(() => StateStoreFactory.Open($"etcd://127.0.0.1:1?user-file={path}"));
        Assert.Contains("chmod 600 " + path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    private static string WriteUserFile(TempDirectory dir, string name, string content)
    {
        string path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, content + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}

using Dragline.Core;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.Tests.Store;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("sqlite:/var/lib/dragline/ipam.db", "/var/lib/dragline/ipam.db")]
    [InlineData("sqlite:///var/lib/dragline/ipam.db", "/var/lib/dragline/ipam.db")]
    public void Sqlite_PathIsKept(string value, string path)
    {
        StoreLocation location = StoreLocation.Parse(value);
        Assert.Equal(StoreKind.Sqlite, location.Kind);
        Assert.Equal(path, location.Path);
    }

    [Fact]
    public void Etcd_SeveralEndpoints_DefaultPortAndPrefix()
    {
        StoreLocation location = StoreLocation.Parse("etcd://h1:2379,10.0.0.2,[fd00::3]:23790");
        Assert.Equal(StoreKind.Etcd, location.Kind);
        Assert.Equal(["http://h1:2379/", "http://10.0.0.2:2379/", "http://[fd00::3]:23790/"], location.Endpoints.Select(e => e.ToString()));
        Assert.Equal("/dragline", location.KeyPrefix);
    }

    [Fact]
    public void Etcds_UsesTlsAndThePathAsPrefix()
    {
        StoreLocation location = StoreLocation.Parse("etcds://h1:2379/site-a/");
        Assert.Equal("https", location.Endpoints[0].Scheme);
        Assert.Equal("/site-a", location.KeyPrefix);
        Assert.Equal("etcds://h1:2379/site-a", location.ToString());
    }

    [Fact]
    public void Etcds_TlsFilesFromQueryParameters_AreKeptAndShown()
    {
        StoreLocation location = StoreLocation.Parse("etcds://h1:2379,h2:2379/site-a?cacert=/etc/dragline/etcd-ca.pem&cert=/etc/dragline/client.pem&key=/etc/dragline/client-key.pem");
        Assert.Equal(["https://h1:2379/", "https://h2:2379/"], location.Endpoints.Select(e => e.ToString()));
        Assert.Equal("/site-a", location.KeyPrefix);
        Assert.Equal("/etc/dragline/etcd-ca.pem", location.CaCertificatePath);
        Assert.Equal("/etc/dragline/client.pem", location.ClientCertificatePath);
        Assert.Equal("/etc/dragline/client-key.pem", location.ClientKeyPath);
        Assert.Equal("etcds://h1:2379,h2:2379/site-a?cacert=/etc/dragline/etcd-ca.pem&cert=/etc/dragline/client.pem&key=/etc/dragline/client-key.pem", location.ToString());
    }

    [Fact]
    public void Etcds_CaOnly_NoPrefix_KeepsTheDefaultPrefix()
    {
        StoreLocation location = StoreLocation.Parse("etcds://h1?cacert=/etc/dragline/etcd-ca.pem");
        Assert.Equal("/dragline", location.KeyPrefix);
        Assert.Equal("/etc/dragline/etcd-ca.pem", location.CaCertificatePath);
        Assert.Null(location.ClientCertificatePath);
        Assert.Null(location.ClientKeyPath);
    }

    [Fact]
    public void Etcd_UserFile_IsAllowedWithoutTlsAndShownAsAPath()
    {
        StoreLocation location = StoreLocation.Parse("etcd://h1:2379?user-file=/etc/dragline/etcd-user");
        Assert.Equal("/etc/dragline/etcd-user", location.UserFilePath);
        Assert.Equal("etcd://h1:2379/dragline?user-file=/etc/dragline/etcd-user", location.ToString());
    }

    [Theory]
    [InlineData("etcds://h1?password=hunter2", "parameter 'password' is not known")]
    [InlineData("etcds://h1?cert=/c.pem", "add key=")]
    [InlineData("etcds://h1?key=/k.pem", "add cert=")]
    [InlineData("etcds://h1?cacert=", "parameter 'cacert' needs a file path")]
    [InlineData("etcds://h1?cacert=/a.pem&cacert=/b.pem", "given twice")]
    [InlineData("etcd://h1?cacert=/ca.pem", "write etcds://")]
    public void BadTlsParameters_NameTheParameterAndTheFix(string value, string why)
    {
        DraglineException error = Assert.Throws<DraglineException>(() => StoreLocation.Parse(value));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:", "needs a file path")]
    [InlineData("etcd://", "endpoint is empty")]
    [InlineData("etcd://h1:2379,,h2", "endpoint is empty")]
    [InlineData("etcd://h1:99999", "port '99999'")]
    [InlineData("etcd://h1:abc", "port 'abc'")]
    [InlineData("etcd://fd00::1:2379", "brackets")]
    [InlineData("mysql://db", "store type 'mysql' is not known")]
    [InlineData("/var/lib/ipam.db", "names no store type")]
    public void BadValues_SayWhatIsWrongAndHowToWriteIt(string value, string why)
    {
        DraglineException error = Assert.Throws<DraglineException>(() => StoreLocation.Parse(value));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:/path/to/file.db", error.Message, StringComparison.Ordinal);
    }
}

namespace Dragline.Cni.Tests;

public sealed class CniEnvironmentTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars)
    {
        var d = vars.ToDictionary(v => v.Key, v => v.Value);
        return k => d.GetValueOrDefault(k);
    }

    [Fact]
    public void Reads_every_variable()
    {
        CniEnvironment env = CniEnvironment.Read(Env(
            ("CNI_COMMAND", "ADD"), ("CNI_CONTAINERID", "c1"), ("CNI_NETNS", "/var/run/netns/p"), ("CNI_IFNAME", "net1"),
            ("CNI_ARGS", "K8S_POD_NAME=p"), ("CNI_PATH", "/opt/cni/bin::/usr/lib/cni")));

        Assert.Equal(CniCommand.Add, env.Command);
        Assert.Equal("c1", env.ContainerId);
        Assert.Equal("/var/run/netns/p", env.NetNs);
        Assert.Equal("net1", env.IfName);
        Assert.Equal("p", env.Args.PodName);
        Assert.Equal(["/opt/cni/bin", "/usr/lib/cni"], env.Path);
    }

    [Theory]
    [InlineData("ADD", "CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME")]
    [InlineData("CHECK", "CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME")]
    [InlineData("DEL", "CNI_CONTAINERID,CNI_IFNAME")]
    public void Names_every_missing_variable_with_code_4(string command, string missing)
    {
        var ex = Assert.Throws<CniException>(() => CniEnvironment.Read(Env(("CNI_COMMAND", command))));
        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains($"[{missing}]", ex.Message);
    }

    [Fact]
    public void Del_needs_no_netns_and_gc_status_need_nothing()
    {
        Assert.Null(CniEnvironment.Read(Env(("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c"), ("CNI_IFNAME", "eth0"))).NetNs);
        Assert.Equal(CniCommand.Gc, CniEnvironment.Read(Env(("CNI_COMMAND", "GC"))).Command);
        Assert.Equal(CniCommand.Status, CniEnvironment.Read(Env(("CNI_COMMAND", "STATUS"))).Command);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("DELETE")]
    [InlineData("")]
    public void An_unknown_or_missing_command_is_code_4(string command)
    {
        var ex = Assert.Throws<CniException>(() => CniEnvironment.Read(Env(("CNI_COMMAND", command))));
        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains("CNI_COMMAND", ex.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("_leading")]
    [InlineData("has space")]
    public void A_container_id_with_invalid_characters_is_code_4(string id)
    {
        var ex = Assert.Throws<CniException>(() => CniEnvironment.Read(Env(("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", id), ("CNI_IFNAME", "eth0"))));
        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains($"\"{id}\"", ex.Message);
    }

    [Theory]
    [InlineData("abcdefghijklmnop")]
    [InlineData("..")]
    [InlineData("eth/0")]
    [InlineData("eth:0")]
    [InlineData("eth 0")]
    public void An_invalid_interface_name_is_code_4(string name)
    {
        var ex = Assert.Throws<CniException>(() => CniEnvironment.Read(Env(("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c"), ("CNI_IFNAME", name))));
        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains("CNI_IFNAME", ex.Message);
    }

    [Fact]
    public void A_fifteen_character_interface_name_is_allowed()
    {
        Assert.Equal("abcdefghijklmno", CniEnvironment.Read(Env(("CNI_COMMAND", "DEL"), ("CNI_CONTAINERID", "c"), ("CNI_IFNAME", "abcdefghijklmno"))).IfName);
    }
}

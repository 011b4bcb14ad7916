using Dragline.Cni.Agent;
using Dragline.Cni.Plugins.Ipam;

namespace Dragline.Cni.Tests;

public sealed class DraglineIpamResultTests
{
    private static AgentAllocation TwoNics() => new()
    {
        Ips =
        [
            new AgentIpConfig { Interface = "eth0", Version = 4, Address = "10.6.1.21/16", Pool = "v4-a", Gateway = "10.6.0.1" },
            new AgentIpConfig { Interface = "net1", Version = 4, Address = "172.16.0.9/24", Pool = "rail-1", Gateway = "172.16.0.1", Vlan = 100 },
            new AgentIpConfig { Interface = "net1", Version = 6, Address = "fd00:16::9/64", Pool = "rail-1-v6" },
        ],
        Routes =
        [
            new AgentRoute { Interface = "eth0", Dst = "0.0.0.0/0", Gw = "10.6.0.1" },
            new AgentRoute { Interface = "net1", Dst = "172.17.0.0/16", Gw = "172.16.0.1" },
        ],
    };

    [Fact]
    public void Keeps_only_the_entries_of_the_interface_being_added()
    {
        CniResult r = DraglineIpamPlugin.ToResult(TwoNics(), "net1", "ctr");

        Assert.Equal(["172.16.0.9/24", "fd00:16::9/64"], r.Ips!.Select(i => i.Address).ToArray());
        Assert.Equal("172.16.0.1", r.Ips![0].Gateway);
        Assert.Null(r.Ips![1].Gateway);
        CniRoute route = Assert.Single(r.Routes!);
        Assert.Equal("172.17.0.0/16", route.Dst);
        Assert.NotNull(r.Dns);
        Assert.Null(r.Interfaces);
    }

    [Fact]
    public void No_address_for_the_interface_is_an_error_naming_what_the_agent_returned()
    {
        var ex = Assert.Throws<CniException>(() => DraglineIpamPlugin.ToResult(TwoNics(), "net2", "ctr"));
        Assert.Equal(CniErrorCode.AgentRejected, ex.Code);
        Assert.Contains("net2", ex.Message);
        Assert.Contains("eth0, net1", ex.Message);
    }

    [Theory]
    [InlineData("10.6.1.21", null)]
    [InlineData("10.6.1.21/16", "gateway")]
    public void An_unusable_agent_reply_is_refused(string address, string? gateway)
    {
        var a = new AgentAllocation { Ips = [new AgentIpConfig { Interface = "eth0", Version = 4, Address = address, Pool = "p", Gateway = gateway }] };
        var ex = Assert.Throws<CniException>(() => DraglineIpamPlugin.ToResult(a, "eth0", "ctr"));
        Assert.Equal(CniErrorCode.AgentRejected, ex.Code);
    }
}

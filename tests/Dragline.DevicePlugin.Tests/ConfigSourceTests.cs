using Dragline.DevicePlugin.Config;

namespace Dragline.DevicePlugin.Tests;

public sealed class ConfigSourceTests
{
    private static VfPoolDefinition Pool(string name, string pf) => new()
    {
        ResourceName = name,
        Selectors = [new VfSelector { PfNames = [VfIndexSelector.Parse(pf, "pfNames")], IsRdma = true }],
    };

    [Fact]
    public void PoolsFromPoliciesAndAFileAreServedTogetherInSourceOrder()
    {
        var policies = new FixedDevicePluginConfigSource("SR-IOV policies", new DevicePluginConfig { VfPools = [Pool("from_policy", "ibs5f0#0-5")] });
        var file = new FixedDevicePluginConfigSource("file", DevicePluginConfigParser.Parse(
            """{"periodicUpdateInterval":30,"resourceList":[{"resourceName":"from_file","selectors":{"vendors":["15b3"]}}],"configList":[{"resourceName":"hca","rdmaHcaMax":1,"selectors":{}}]}""", "file"));
        DevicePluginConfig config = new CompositeDevicePluginConfigSource(policies, file).Load();

        Assert.Equal(["spidernet.io/from_policy", "spidernet.io/from_file", "spidernet.io/hca"], config.ResourceNames);
        Assert.Equal(TimeSpan.FromSeconds(30), config.PeriodicUpdateInterval);

        policies.Set(new DevicePluginConfig());
        Assert.Equal(["spidernet.io/from_file", "spidernet.io/hca"], new CompositeDevicePluginConfigSource(policies, file).Load().ResourceNames);
    }

    [Fact]
    public void AResourceDefinedTwiceIsRefusedNamingBothSources()
    {
        var a = new FixedDevicePluginConfigSource("SR-IOV policies", new DevicePluginConfig { VfPools = [Pool("x", "ibs5f0")] });
        var b = new FixedDevicePluginConfigSource("/etc/dragline/dp.json", new DevicePluginConfig { VfPools = [Pool("x", "ibs5f1")] });
        DevicePluginException e = Assert.ThrowsAny<DevicePluginException>(() => new CompositeDevicePluginConfigSource(a, b).Load());
        Assert.Contains("\"spidernet.io/x\" is defined by both SR-IOV policies and /etc/dragline/dp.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PoolKeyChangesWhenASelectorChangesAndNotOtherwise()
    {
        Assert.Equal(PoolKey.Of(Pool("a", "ibs5f0#0-5")), PoolKey.Of(Pool("a", "ibs5f0#0-5")));
        Assert.NotEqual(PoolKey.Of(Pool("a", "ibs5f0#0-5")), PoolKey.Of(Pool("a", "ibs5f0#0-6")));
        Assert.NotEqual(PoolKey.Of(Pool("a", "ibs5f0")), PoolKey.Of(Pool("a", "ibs5f0") with { ExcludeTopology = true }));
    }
}

using Dragline.Core;
using Dragline.DevicePlugin.Config;

namespace Dragline.DevicePlugin.Tests;

public sealed class ConfigParserTests
{
    [Fact]
    public void OperatorGeneratedEntryWithCapitalisedIsRdmaAndSingleSelectorObject()
    {
        // The form the SR-IOV operator writes into device-plugin-config (reference 1.10), keys as Go emits them.
        const string Json = """{"resourceList":[{"resourceName":"gpu_mlnx_ib0","selectors":{"vendors":["15b3"],"devices":["101c"],"pfNames":["ibs17#0-3,7"],"linkTypes":["infiniband"],"IsRdma":true},"SelectorObjs":null}]}""";
        DevicePluginConfig config = DevicePluginConfigParser.Parse(Json, "test.json");

        VfPoolDefinition pool = Assert.Single(config.VfPools);
        Assert.Equal("gpu_mlnx_ib0", pool.ResourceName);
        Assert.Equal("spidernet.io", pool.ResourcePrefix);
        Assert.Equal("spidernet.io/gpu_mlnx_ib0", pool.FullName);
        VfSelector selector = Assert.Single(pool.Selectors);
        Assert.Equal(["15b3"], selector.Vendors);
        Assert.Equal(["101c"], selector.Devices);
        Assert.Equal(["infiniband"], selector.LinkTypes);
        Assert.True(selector.IsRdma);
        VfIndexSelector pf = Assert.Single(selector.PfNames);
        Assert.Equal("ibs17", pf.PhysicalFunction);
        Assert.Equal([0, 1, 2, 3, 7], pf.Indices!.Order());
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void SelectorListIsKeptInOrderAndPrefixesApply()
    {
        const string Json = """
            {"resourcePrefix":"example.com","resourceList":[
              {"resourceName":"a","selectors":[{"pfNames":["ens1f0"]},{"rootDevices":["0000:3b:00.1#2"]}]},
              {"resourceName":"b","resourcePrefix":"intel.com","deviceType":"accelerator","excludeTopology":true,"selectors":{"vendors":["0x8086"]}}]}
            """;
        DevicePluginConfig config = DevicePluginConfigParser.Parse(Json, "t");

        Assert.Equal(["example.com/a", "intel.com/b"], config.ResourceNames);
        Assert.Equal(2, config.VfPools[0].Selectors.Count);
        Assert.Null(config.VfPools[0].Selectors[0].PfNames[0].Indices);
        Assert.Equal([2], config.VfPools[0].Selectors[1].RootDevices[0].Indices!);
        Assert.Equal(VfDeviceType.Accelerator, config.VfPools[1].DeviceType);
        Assert.True(config.VfPools[1].ExcludeTopology);
        Assert.Equal(["8086"], config.VfPools[1].Selectors[0].Vendors);
    }

    [Theory]
    [InlineData("""{"resourceList":[{"resourceName":"a b","selectors":{}}]}""", "resourceName \"a b\" is not valid")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":[]}]}""", "selectors is an empty list")]
    [InlineData("""{"resourceList":[{"resourceName":"a"}]}""", "selectors is missing")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{"isRdma":true,"vdpaType":"vhost"}}]}""", "VdpaType and IsRdma are mutually exclusive options")]
    [InlineData("""{"resourceList":[{"resourceName":"a","deviceType":"gpu","selectors":{}}]}""", "deviceType \"gpu\" is not one of netDevice, accelerator")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{"pfNames":["ens1#5-2"]}}]}""", "the range '5-2' ends before it starts")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{"pfNames":["ens1#x"]}}]}""", "'x' is not a VF index")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{"pciAddresses":["86:00"]}}]}""", "\"86:00\" is not a PCI address")]
    [InlineData("""{"resourceList":[{"resourceName":"a","selectors":{}},{"resourceName":"a","selectors":{}}]}""", "resource name \"spidernet.io/a\" already exists")]
    [InlineData("""{"configList":[{"resourceName":"hca-shared","rdmaHcaMax":1,"selectors":{}}]}""", "error: resource name \"hca-shared\" contains invalid characters")]
    [InlineData("""{"configList":[{"resourceName":"hca","rdmaHcaMax":-1,"selectors":{}}]}""", "error: Invalid value for rdmaHcaMax < 0: -1")]
    [InlineData("""{"configList":[{"resourceName":"hca","rdmaHcaMax":1,"selectors":{},"devices":["ib0"]}]}""", "Cannot specify both \"selectors\" and \"devices\" fields")]
    [InlineData("""{"configList":[{"resourceName":"hca","rdmaHcaMax":1}]}""", "neither \"selectors\" nor \"devices\" fields exits")]
    [InlineData("""{"periodicUpdateInterval":-5}""", "periodicUpdateInterval '-5' is not a whole number of seconds >= 0")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("""{"resourceList":[{""", "not valid JSON")]
    public void BadConfigIsRefusedWithAMessageNamingTheValue(string json, string expected)
    {
        DevicePluginException e = Assert.ThrowsAny<DevicePluginException>(() => DevicePluginConfigParser.Parse(json, "bad.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedPoolsUpstreamFormatWithDeprecatedDevicesAndInterval()
    {
        const string Json = """
            {"periodicUpdateInterval":300,"configList":[
              {"resourceName":"hca_shared_devices_a","rdmaHcaMax":1000,"selectors":{"vendors":["15b3"],"deviceIDs":["101D"],"ifNames":["ens1f0np0"],"linkTypes":["Ether"]}},
              {"resourceName":"hca_b","resourcePrefix":"rdma","rdmaHcaMax":5,"devices":["ib0","ib1"]}]}
            """;
        DevicePluginConfig config = DevicePluginConfigParser.Parse(Json, "t");

        Assert.Equal(TimeSpan.FromSeconds(300), config.PeriodicUpdateInterval);
        Assert.Equal(["spidernet.io/hca_shared_devices_a", "rdma/hca_b"], config.ResourceNames);
        RdmaSharedPoolDefinition a = config.SharedPools[0];
        Assert.Equal(1000, a.RdmaHcaMax);
        Assert.Equal(["101d"], a.Selector.DeviceIds);
        Assert.Equal(["ether"], a.Selector.LinkTypes);
        Assert.Equal(["ib0", "ib1"], config.SharedPools[1].Selector.IfNames);
    }

    [Fact]
    public void ZeroIntervalTurnsPeriodicUpdatesOff()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, DevicePluginConfigParser.Parse("""{"periodicUpdateInterval":0}""", "t").PeriodicUpdateInterval);
        Assert.Null(DevicePluginConfigParser.Parse("{}", "t").PeriodicUpdateInterval);
    }

    [Fact]
    public void UnknownKeysAreIgnoredButReported()
    {
        DevicePluginConfig config = DevicePluginConfigParser.Parse("""{"resourceList":[{"resourceName":"a","selectors":{"vendor":["15b3"]}}]}""", "t");
        string warning = Assert.Single(config.Warnings);
        Assert.Contains("unknown key \"vendor\"", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFileNamesThePath()
    {
        DevicePluginException e = Assert.ThrowsAny<DevicePluginException>(() => DevicePluginConfigParser.ParseFile("/nonexistent/dp.json"));
        Assert.Contains("/nonexistent/dp.json", e.Message, StringComparison.Ordinal);
        Assert.Equal(DraglineErrorReason.NotFound, e.Reason);
    }

    [Fact]
    public void AFileOverTheSizeLimitIsRefusedNamingTheFileAndTheLimit()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dragline-dp-{Guid.NewGuid():N}.json");
        try
        {
            using (FileStream file = File.Create(path))
            {
                file.SetLength(DevicePluginConfigParser.MaxFileBytes + 1);
            }

            DevicePluginException e = Assert.ThrowsAny<DevicePluginException>(() => DevicePluginConfigParser.ParseFile(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("over the limit of 1048576 bytes", e.Message, StringComparison.Ordinal);
            Assert.Equal(DraglineErrorReason.InvalidValue, e.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ens1f0", "ens1f0", null)]
    [InlineData("ens1f0#3", "ens1f0", "3")]
    [InlineData("0000:3b:00.0#0-2,5, 7-8", "0000:3b:00.0", "0,1,2,5,7,8")]
    public void VfRanges(string text, string pf, string? indices)
    {
        VfIndexSelector s = VfIndexSelector.Parse(text, "pfNames");
        Assert.Equal(pf, s.PhysicalFunction);
        Assert.Equal(indices, s.Indices is null ? null : string.Join(',', s.Indices));
    }
}

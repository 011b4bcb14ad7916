using Dragline.DevicePlugin.Config;

namespace Dragline.DevicePlugin.Tests;

/// <summary>The seed's resource: the ConnectX-5 VFs of ibs5f0 as <c>spidernet.io/mellanoxibsriov</c> (what the operator renders for the seed's policy).</summary>
public static class SeedConfig
{
    public const string Json =
        """{"resourceList":[{"resourceName":"mellanoxibsriov","selectors":{"vendors":["15b3"],"devices":["1018"],"pfNames":["ibs5f0"],"linkTypes":["infiniband"],"IsRdma":true},"SelectorObjs":null}]}""";

    public static DevicePluginConfig Parse(string json = Json) => DevicePluginConfigParser.Parse(json, "seed.json");

    /// <summary>The 12 VFs of 0000:86:00.0, in PCI order (virtfn0 to virtfn11).</summary>
    public static readonly string[] VfAddresses =
    [
        "0000:86:00.2", "0000:86:00.3", "0000:86:00.4", "0000:86:00.5", "0000:86:00.6", "0000:86:00.7",
        "0000:86:01.0", "0000:86:01.1", "0000:86:01.2", "0000:86:01.3", "0000:86:01.4", "0000:86:01.5",
    ];
}

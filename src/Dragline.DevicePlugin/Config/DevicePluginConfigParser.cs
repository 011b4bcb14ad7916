using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dragline.Core;
using Dragline.Core.Hardware;

namespace Dragline.DevicePlugin.Config;

/// <summary>
/// Reads the device-plugin config file. It is one JSON object that may hold both upstream formats side
/// by side, so either upstream file applies unchanged:
/// <list type="bullet">
/// <item><c>resourceList</c>: SR-IOV pools in sriov-network-device-plugin's format;</item>
/// <item><c>configList</c> and <c>periodicUpdateInterval</c>: RDMA shared pools in k8s-rdma-shared-dev-plugin's format;</item>
/// <item><c>resourcePrefix</c>: the default prefix for entries that set none (upstream's <c>--resource-prefix</c>).</item>
/// </list>
/// Keys are matched case-insensitively, as Go's JSON decoder does (the operator writes <c>IsRdma</c>).
/// Unknown keys are ignored, as upstream ignores them, and reported in <see cref="DevicePluginConfig.Warnings"/>.
/// </summary>
public static partial class DevicePluginConfigParser
{
    private static readonly string[] TopKeys = ["resourceList", "configList", "periodicUpdateInterval", "resourcePrefix"];

    private static readonly string[] VfPoolKeys = ["resourceName", "resourcePrefix", "deviceType", "excludeTopology", "selectors", "additionalInfo", "SelectorObjs"];

    private static readonly string[] VfSelectorKeys =
        ["vendors", "devices", "drivers", "pciAddresses", "acpiIndexes", "pfNames", "rootDevices", "linkTypes", "ddpProfiles", "pKeys", "isRdma", "needVhostNet", "vdpaType", "auxTypes"];

    private static readonly string[] SharedPoolKeys = ["resourceName", "resourcePrefix", "rdmaHcaMax", "selectors", "devices"];

    private static readonly string[] SharedSelectorKeys = ["vendors", "deviceIDs", "drivers", "ifNames", "linkTypes"];

    /// <summary>The largest config file read: upstream's configs are a few KiB; a larger file is a mistake, not a config.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Reads and parses a config file.</summary>
    public static DevicePluginConfig ParseFile(string path, string? defaultPrefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            using FileStream file = File.OpenRead(path);
            if (file.Length > MaxFileBytes)
            {
                throw new DevicePluginException(DraglineErrorReason.InvalidValue,
                    $"the device-plugin config '{path}' is {file.Length} bytes, over the limit of {MaxFileBytes} bytes; give the JSON config itself (see docs/device-plugins.md)");
            }

            using var reader = new StreamReader(file);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DevicePluginException(DraglineErrorReason.NotFound,
                $"cannot read the device-plugin config '{path}': {e.Message}; give a readable JSON file (see docs/device-plugins.md)", e);
        }

        return Parse(text, path, defaultPrefix);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in error messages.</summary>
    public static DevicePluginConfig Parse(string json, string source, string? defaultPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new DevicePluginException(DraglineErrorReason.Malformed,
                $"{source}: not valid JSON ({e.Message}); the device-plugin config is a JSON object with resourceList and/or configList", e);
        }

        using (document)
        {
            JsonElement top = document.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "the document", "must be a JSON object with resourceList and/or configList");
            }

            var warnings = new List<string>();
            WarnUnknown(top, TopKeys, source, warnings);
            string prefix = defaultPrefix ?? DevicePluginConfig.DefaultResourcePrefix;
            if (Get(top, "resourcePrefix") is { } p)
            {
                prefix = ReadString(p, source, "resourcePrefix");
                ValidatePrefix(prefix, source, "resourcePrefix");
            }

            var vfPools = new List<VfPoolDefinition>();
            if (Get(top, "resourceList") is { } list)
            {
                int i = 0;
                foreach (JsonElement entry in ReadArray(list, source, "resourceList"))
                {
                    vfPools.Add(ParseVfPool(entry, $"{source}: resourceList[{i++}]", prefix, warnings));
                }
            }

            var sharedPools = new List<RdmaSharedPoolDefinition>();
            if (Get(top, "configList") is { } configList)
            {
                int i = 0;
                foreach (JsonElement entry in ReadArray(configList, source, "configList"))
                {
                    sharedPools.Add(ParseSharedPool(entry, $"{source}: configList[{i++}]", prefix, warnings));
                }
            }

            TimeSpan? interval = null;
            if (Get(top, "periodicUpdateInterval") is { } seconds)
            {
                if (seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt32(out int s) || s < 0)
                {
                    throw Bad(source, "periodicUpdateInterval", $"'{seconds.GetRawText()}' is not a whole number of seconds >= 0 (0 turns periodic re-discovery off)");
                }

                interval = s == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(s);
            }

            var config = new DevicePluginConfig { VfPools = vfPools, SharedPools = sharedPools, PeriodicUpdateInterval = interval, Warnings = warnings };
            CheckUnique(config, source);
            return config;
        }
    }

    private static VfPoolDefinition ParseVfPool(JsonElement entry, string where, string defaultPrefix, List<string> warnings)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Bad(where, "the entry", "must be a JSON object with resourceName and selectors");
        }

        WarnUnknown(entry, VfPoolKeys, where, warnings);
        string name = Get(entry, "resourceName") is { } n ? ReadString(n, where, "resourceName") : "";
        if (!VfResourceName().IsMatch(name))
        {
            throw Bad(where, "resourceName", $"\"{name}\" is not valid: it must match ^[a-zA-Z0-9_-]+$ (letters, digits, _ and -), e.g. mellanoxibsriov");
        }

        string prefix = Get(entry, "resourcePrefix") is { } p ? ReadString(p, where, "resourcePrefix") : defaultPrefix;
        ValidatePrefix(prefix, where, "resourcePrefix");
        VfDeviceType type = VfDeviceType.NetDevice;
        if (Get(entry, "deviceType") is { } t)
        {
            string text = ReadString(t, where, "deviceType");
            type = text switch
            {
                "netDevice" or "" => VfDeviceType.NetDevice,
                "accelerator" => VfDeviceType.Accelerator,
                "auxNetDevice" => throw Bad(where, "deviceType", "\"auxNetDevice\" (subfunctions) is not supported by Dragline; use netDevice pools of VFs"),
                _ => throw Bad(where, "deviceType", $"\"{text}\" is not one of netDevice, accelerator"),
            };
        }

        bool excludeTopology = Get(entry, "excludeTopology") is { } x && ReadBool(x, where, "excludeTopology");
        JsonElement selectors = Get(entry, "selectors")
            ?? throw Bad(where, "selectors", "is missing: give an object (or a list of objects) such as {\"vendors\":[\"15b3\"],\"devices\":[\"1018\"]}");
        var parsed = new List<VfSelector>();
        if (selectors.ValueKind == JsonValueKind.Object)
        {
            parsed.Add(ParseVfSelector(selectors, where + ".selectors", warnings));
        }
        else if (selectors.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement s in selectors.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(where, $"selectors[{i}]", "must be an object");
                }

                parsed.Add(ParseVfSelector(s, $"{where}.selectors[{i++}]", warnings));
            }

            if (parsed.Count == 0)
            {
                throw Bad(where, "selectors", "is an empty list: give at least one selector object");
            }
        }
        else
        {
            throw Bad(where, "selectors", "must be an object or a list of objects");
        }

        var info = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (Get(entry, "additionalInfo") is { ValueKind: not JsonValueKind.Null } additional)
        {
            if (additional.ValueKind != JsonValueKind.Object)
            {
                throw Bad(where, "additionalInfo", "must be an object like {\"*\":{\"key\":\"value\"},\"0000:3b:02.1\":{...}}");
            }

            foreach (JsonProperty device in additional.EnumerateObject())
            {
                if (device.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(where, $"additionalInfo.{device.Name}", "must be an object of string values");
                }

                var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (JsonProperty kv in device.Value.EnumerateObject())
                {
                    values[kv.Name] = ReadString(kv.Value, where, $"additionalInfo.{device.Name}.{kv.Name}");
                }

                info[device.Name] = values;
            }
        }

        return new VfPoolDefinition
        {
            ResourceName = name,
            ResourcePrefix = prefix,
            DeviceType = type,
            ExcludeTopology = excludeTopology,
            Selectors = parsed,
            AdditionalInfo = info,
        };
    }

    private static VfSelector ParseVfSelector(JsonElement selector, string where, List<string> warnings)
    {
        WarnUnknown(selector, VfSelectorKeys, where, warnings);
        bool isRdma = Get(selector, "isRdma") is { } r && ReadBool(r, where, "isRdma");
        string vdpa = Get(selector, "vdpaType") is { } v ? ReadString(v, where, "vdpaType") : "";
        if (isRdma && vdpa.Length > 0)
        {
            throw Bad(where, "vdpaType", "VdpaType and IsRdma are mutually exclusive options");
        }

        if (vdpa.Length > 0)
        {
            throw Bad(where, "vdpaType", $"\"{vdpa}\": vDPA devices are not supported by Dragline; remove vdpaType");
        }

        foreach (string unsupported in (string[])["ddpProfiles", "auxTypes"])
        {
            if (Get(selector, unsupported) is { } u && ReadList(u, where, unsupported).Length > 0)
            {
                throw Bad(where, unsupported, "is not supported by Dragline (Intel DDP profiles and subfunctions are not discovered); remove it");
            }
        }

        return new VfSelector
        {
            Vendors = HexList(selector, where, "vendors"),
            Devices = HexList(selector, where, "devices"),
            Drivers = List(selector, where, "drivers"),
            PciAddresses = PciList(selector, where, "pciAddresses"),
            AcpiIndexes = List(selector, where, "acpiIndexes"),
            PfNames = List(selector, where, "pfNames").Select(s => VfIndexSelector.Parse(s, where + ".pfNames")).ToArray(),
            RootDevices = List(selector, where, "rootDevices").Select(s => VfIndexSelector.Parse(s, where + ".rootDevices")).ToArray(),
            LinkTypes = List(selector, where, "linkTypes").Select(s => s.ToLowerInvariant()).ToArray(),
            PKeys = List(selector, where, "pKeys"),
            IsRdma = isRdma,
            NeedVhostNet = Get(selector, "needVhostNet") is { } h && ReadBool(h, where, "needVhostNet"),
        };
    }

    private static RdmaSharedPoolDefinition ParseSharedPool(JsonElement entry, string where, string defaultPrefix, List<string> warnings)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Bad(where, "the entry", "must be a JSON object with resourceName, rdmaHcaMax and selectors");
        }

        WarnUnknown(entry, SharedPoolKeys, where, warnings);
        string name = Get(entry, "resourceName") is { } n ? ReadString(n, where, "resourceName") : "";
        if (!SharedResourceName().IsMatch(name))
        {
            throw Bad(where, "resourceName", $"error: resource name \"{name}\" contains invalid characters; it must match ^[a-zA-Z0-9_]+$ (no hyphen), e.g. hca_shared_devices");
        }

        string prefix = Get(entry, "resourcePrefix") is { } p ? ReadString(p, where, "resourcePrefix") : defaultPrefix;
        ValidatePrefix(prefix, where, "resourcePrefix");
        int max = 0;
        if (Get(entry, "rdmaHcaMax") is { } m)
        {
            if (m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out max))
            {
                throw Bad(where, "rdmaHcaMax", $"'{m.GetRawText()}' is not a whole number");
            }

            if (max < 0)
            {
                throw Bad(where, "rdmaHcaMax", $"error: Invalid value for rdmaHcaMax < 0: {max}; give how many containers may share each HCA, e.g. 1000");
            }
        }

        JsonElement? selectors = Get(entry, "selectors");
        JsonElement? devices = Get(entry, "devices");
        if (selectors is not null && devices is not null)
        {
            throw Bad(where, "selectors", "configuration mismatch. Cannot specify both \"selectors\" and \"devices\" fields; move the netdev names of \"devices\" into selectors.ifNames");
        }

        RdmaSharedSelector selector;
        if (selectors is { } s)
        {
            if (s.ValueKind != JsonValueKind.Object)
            {
                throw Bad(where, "selectors", "must be an object with vendors, deviceIDs, drivers, ifNames and/or linkTypes");
            }

            WarnUnknown(s, SharedSelectorKeys, where + ".selectors", warnings);
            selector = new RdmaSharedSelector
            {
                Vendors = HexList(s, where, "vendors"),
                DeviceIds = HexList(s, where, "deviceIDs"),
                Drivers = List(s, where, "drivers"),
                IfNames = List(s, where, "ifNames"),
                LinkTypes = List(s, where, "linkTypes").Select(l => l.ToLowerInvariant()).ToArray(),
            };
        }
        else if (devices is { } d)
        {
            selector = new RdmaSharedSelector { IfNames = ReadList(d, where, "devices") };
        }
        else
        {
            throw Bad(where, "selectors", "error: configuration missmatch. neither \"selectors\" nor \"devices\" fields exits; give selectors such as {\"vendors\":[\"15b3\"],\"ifNames\":[\"ens1f0np0\"]}");
        }

        return new RdmaSharedPoolDefinition { ResourceName = name, ResourcePrefix = prefix, RdmaHcaMax = max, Selector = selector };
    }

    private static void CheckUnique(DevicePluginConfig config, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in config.ResourceNames)
        {
            if (!seen.Add(name))
            {
                throw new DevicePluginException(DraglineErrorReason.Conflict,
                    $"{source}: error: resource name \"{name}\" already exists; every pool needs its own prefix/name");
            }
        }

        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (RdmaSharedPoolDefinition pool in config.SharedPools)
        {
            // Upstream's rule: configList names are unique without their prefix (the socket is named after the name alone there).
            if (!shared.Add(pool.ResourceName))
            {
                throw new DevicePluginException(DraglineErrorReason.Conflict,
                    $"{source}: error: resource name \"{pool.ResourceName}\" already exists in configList; give each shared pool its own name");
            }
        }
    }

    private static void ValidatePrefix(string prefix, string where, string key)
    {
        if (!ResourcePrefix().IsMatch(prefix))
        {
            throw Bad(where, key, $"\"{prefix}\" is not a DNS domain like spidernet.io");
        }
    }

    private static string[] List(JsonElement obj, string where, string key) =>
        Get(obj, key) is { } e ? ReadList(e, where, key) : [];

    // Vendor and device ids: sysfs prints 0x15b3; the config says 15b3; accept both, compare without 0x.
    private static string[] HexList(JsonElement obj, string where, string key) =>
        List(obj, where, key).Select(v => v.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? v[2..].ToLowerInvariant() : v.ToLowerInvariant()).ToArray();

    private static string[] PciList(JsonElement obj, string where, string key)
    {
        string[] values = List(obj, where, key);
        foreach (string value in values)
        {
            if (!PciAddress.TryParse(value, out _, out string? error))
            {
                throw Bad(where, key, $"\"{value}\" is not a PCI address ({error}); write it like 0000:3b:02.1");
            }
        }

        return values.Select(v => PciAddress.Parse(v).ToString()).ToArray();
    }

    private static string[] ReadList(JsonElement e, string where, string key)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Bad(where, key, $"must be a list of strings, like [\"a\",\"b\"], not {e.GetRawText()}");
        }

        return e.EnumerateArray().Select(v => ReadString(v, where, key)).ToArray();
    }

    private static string ReadString(JsonElement e, string where, string key) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        _ => throw Bad(where, key, $"must be a string, not {e.GetRawText()}"),
    };

    private static bool ReadBool(JsonElement e, string where, string key) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False or JsonValueKind.Null => false,
        _ => throw Bad(where, key, $"must be true or false, not {e.GetRawText()}"),
    };

    private static JsonElement[] ReadArray(JsonElement e, string where, string key)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Bad(where, key, "must be a list of objects");
        }

        return [.. e.EnumerateArray()];
    }

    private static JsonElement? Get(JsonElement obj, string key)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static void WarnUnknown(JsonElement obj, string[] known, string where, List<string> warnings)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: unknown key \"{property.Name}\" ignored"));
            }
        }
    }

    private static DevicePluginException Bad(string where, string key, string why) =>
        new(DraglineErrorReason.InvalidValue, $"{where}: {key} {why}");

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex VfResourceName();

    [GeneratedRegex("^[a-zA-Z0-9_]+$")]
    private static partial Regex SharedResourceName();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")]
    private static partial Regex ResourcePrefix();
}

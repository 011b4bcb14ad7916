using System.Text;

namespace Dragline.DevicePlugin.Config;

/// <summary>
/// A canonical text of a pool definition: two definitions with the same key select and serve the same
/// way, so a reload that leaves a pool's key unchanged leaves the pool (and its ListAndWatch streams) alone.
/// </summary>
public static class PoolKey
{
    public static string Of(VfPoolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder();
        text.Append("vf|").Append(definition.FullName).Append('|').Append(definition.DeviceType).Append('|').Append(definition.ExcludeTopology);
        foreach (VfSelector s in definition.Selectors)
        {
            text.Append("|sel:")
                .Append(Join(s.Vendors)).Append(';').Append(Join(s.Devices)).Append(';').Append(Join(s.Drivers)).Append(';')
                .Append(Join(s.PciAddresses)).Append(';').Append(Join(s.AcpiIndexes)).Append(';')
                .Append(Join(s.PfNames.Select(p => p.ToString()))).Append(';').Append(Join(s.RootDevices.Select(p => p.ToString()))).Append(';')
                .Append(Join(s.LinkTypes)).Append(';').Append(Join(s.PKeys)).Append(';').Append(s.IsRdma).Append(';').Append(s.NeedVhostNet);
        }

        foreach ((string device, IReadOnlyDictionary<string, string> values) in definition.AdditionalInfo.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append("|info:").Append(device).Append('=').Append(Join(values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + kv.Value)));
        }

        return text.ToString();
    }

    public static string Of(RdmaSharedPoolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        RdmaSharedSelector s = definition.Selector;
        return $"shared|{definition.FullName}|{definition.RdmaHcaMax}|{Join(s.Vendors)};{Join(s.DeviceIds)};{Join(s.Drivers)};{Join(s.IfNames)};{Join(s.LinkTypes)}";
    }

    private static string Join(IEnumerable<string> values) => string.Join(',', values);
}

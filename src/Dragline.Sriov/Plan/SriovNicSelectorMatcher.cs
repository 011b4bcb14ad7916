using System.Text.RegularExpressions;
using Dragline.Api.Model.Sriov;
using Dragline.Core.Hardware;

namespace Dragline.Sriov.Plan;

/// <summary>
/// Whether a policy's nicSelector selects a PF of a node state (sriov-rdma.md 1.3): every non-empty field must
/// match, and an empty selector matches nothing. A pfNames entry matches the PF's name or any of its altNames,
/// and its <c>#first-last</c> range applies either way (upstream applies it only to the real name).
/// </summary>
public static partial class SriovNicSelectorMatcher
{
    /// <summary>Tests the selector against one PF.</summary>
    public static SriovNicMatch? Match(SriovNetworkNicSelector? selector, SriovInterfaceStatus pf, long numVfs)
    {
        ArgumentNullException.ThrowIfNull(pf);
        if (selector is null || IsEmpty(selector))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(selector.Vendor) && !string.Equals(selector.Vendor, pf.Vendor, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(selector.DeviceID) && !string.Equals(selector.DeviceID, pf.DeviceID, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        bool viaRootDevice = false;
        if (selector.RootDevices is { Count: > 0 } roots)
        {
            if (!PciAddress.TryParse(pf.PciAddress, out PciAddress address)
                || !roots.Any(r => PciAddress.TryParse(r, out PciAddress root) && root == address))
            {
                return null;
            }

            viaRootDevice = true;
        }

        string? entryText = null;
        SriovPfNameSelector? entry = null;
        if (selector.PfNames is { Count: > 0 } names)
        {
            foreach (string text in names)
            {
                string name = text.Split('#')[0];
                if (name == pf.Name || (pf.AltNames?.Contains(name) ?? false))
                {
                    entryText = text;
                    entry = SriovPfNameSelector.TryParse(text, numVfs, out SriovPfNameSelector parsed, out _) ? parsed : new SriovPfNameSelector(name, null, null);
                    break;
                }
            }

            if (entryText is null)
            {
                return null;
            }
        }

        if (!string.IsNullOrEmpty(selector.NetFilter) && !NetFilterMatches(selector.NetFilter, pf.NetFilter))
        {
            return null;
        }

        return new SriovNicMatch(entryText, entry, viaRootDevice);
    }

    public static bool IsEmpty(SriovNetworkNicSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return string.IsNullOrEmpty(selector.Vendor) && string.IsNullOrEmpty(selector.DeviceID)
            && selector.RootDevices is not { Count: > 0 } && selector.PfNames is not { Count: > 0 } && string.IsNullOrEmpty(selector.NetFilter);
    }

    private static bool NetFilterMatches(string filter, string? value)
    {
        if (value is null)
        {
            return false;
        }

        Match a = NetFilterPair().Match(filter);
        Match b = NetFilterPair().Match(value);
        return a.Success && b.Success && a.Groups[1].Value == b.Groups[1].Value && a.Groups[2].Value == b.Groups[2].Value;
    }

    [GeneratedRegex(@"(?m)^\s*([^\s]+)\s*:\s*([^\s]+)")]
    private static partial Regex NetFilterPair();
}

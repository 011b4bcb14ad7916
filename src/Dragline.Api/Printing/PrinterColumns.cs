using System.Globalization;
using System.Text.Json;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Validation;

namespace Dragline.Api.Printing;

/// <summary>
/// kubectl's columns per kind (the CRDs' <c>additionalPrinterColumns</c>): NAME first, then the kind's columns;
/// kinds without columns get NAME and AGE, as kubectl prints them. Other parts register their kinds with
/// <see cref="Register"/>.
/// </summary>
public static class PrinterColumns
{
    private static readonly Lock Gate = new();

    /// <summary>The AGE column (from <c>metadata.creationTimestamp</c>), in kubectl's short form (<c>45s</c>, <c>12m</c>, <c>3h</c>, <c>5d</c>).</summary>
    public static PrinterColumn Age { get; } = new("AGE", false, (o, now) => FormatAge(o.Metadata.CreationTimestamp, now));

    private static readonly Dictionary<(string ApiVersion, string Kind), IReadOnlyList<PrinterColumn>> ByKind = new()
    {
        [(SpiderpoolApi.ApiVersion, "SpiderIPPool")] =
        [
            Column<SpiderIPPool>("VERSION", p => Text(p.Spec.IPVersion)),
            Column<SpiderIPPool>("SUBNET", p => p.Spec.Subnet ?? ""),
            Column<SpiderIPPool>("ALLOCATED-IP-COUNT", p => Text(p.Status?.AllocatedIPCount ?? 0)),
            Column<SpiderIPPool>("TOTAL-IP-COUNT", p => p.Status?.TotalIPCount is long stored ? Text(stored) : Text(SpiderIPPoolValidator.TotalIPCount(p.Spec))),
            Column<SpiderIPPool>("DEFAULT", p => Text(p.Spec.Default)),
            Column<SpiderIPPool>("DISABLE", p => Text(p.Spec.Disable), wide: true),
            Column<SpiderIPPool>("NODENAME", p => GoJson(p.Spec.NodeName), wide: true),
            Column<SpiderIPPool>("MULTUSNAME", p => GoJson(p.Spec.MultusName), wide: true),
            Column<SpiderIPPool>("APP-NAMESPACE", p => p.Spec.PodAffinity?.MatchLabels?.GetValueOrDefault(SpiderpoolApi.AppNamespaceLabel) ?? "", wide: true),
        ],
        [(SpiderpoolApi.ApiVersion, "SpiderSubnet")] =
        [
            Column<SpiderSubnet>("VERSION", s => Text(s.Spec.IPVersion)),
            Column<SpiderSubnet>("SUBNET", s => s.Spec.Subnet ?? ""),
            Column<SpiderSubnet>("ALLOCATED-IP-COUNT", s => Text(s.Status?.AllocatedIPCount ?? 0)),
            Column<SpiderSubnet>("TOTAL-IP-COUNT", s => s.Status?.TotalIPCount is long stored ? Text(stored)
                : Text(SpiderIPPoolValidator.TotalIPCount(new IPPoolSpec { IPVersion = s.Spec.IPVersion, Subnet = s.Spec.Subnet, IPs = s.Spec.IPs, ExcludeIPs = s.Spec.ExcludeIPs }))),
        ],
        [(SpiderpoolApi.ApiVersion, "SpiderReservedIP")] =
        [
            Column<SpiderReservedIP>("VERSION", r => Text(r.Spec.IPVersion)),
        ],
        [(SpiderpoolApi.ApiVersion, "SpiderEndpoint")] =
        [
            Column<SpiderEndpoint>("INTERFACE", e => First(e)?.Interface ?? ""),
            Column<SpiderEndpoint>("IPV4POOL", e => First(e)?.IPv4Pool ?? ""),
            Column<SpiderEndpoint>("IPV4", e => First(e)?.IPv4 ?? ""),
            Column<SpiderEndpoint>("IPV6POOL", e => First(e)?.IPv6Pool ?? ""),
            Column<SpiderEndpoint>("IPV6", e => First(e)?.IPv6 ?? ""),
            Column<SpiderEndpoint>("NODE", e => e.Status?.Current?.Node ?? ""),
        ],
        [(SriovApi.ApiVersion, "SriovNetworkNodeState")] =
        [
            Column<SriovNetworkNodeState>("SYNC STATUS", s => s.Status?.SyncStatus ?? ""),
            Column<SriovNetworkNodeState>("DESIRED SYNC STATE", s => s.Metadata.Annotations?.GetValueOrDefault("sriovnetwork.openshift.io/desired-state") ?? ""),
            Column<SriovNetworkNodeState>("CURRENT SYNC STATE", s => s.Metadata.Annotations?.GetValueOrDefault("sriovnetwork.openshift.io/current-state") ?? ""),
            Age,
        ],
    };

    /// <summary>Sets the columns (after NAME) of a kind; replaces earlier ones.</summary>
    public static void Register(string apiVersion, string kind, IReadOnlyList<PrinterColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        lock (Gate)
        {
            ByKind[(apiVersion, kind)] = columns;
        }
    }

    /// <summary>The columns of a kind, NAME first; with <paramref name="wide"/> false the wide-only ones are left out.</summary>
    public static IReadOnlyList<PrinterColumn> For(string apiVersion, string kind, bool wide)
    {
        IReadOnlyList<PrinterColumn>? columns;
        lock (Gate)
        {
            columns = ByKind.GetValueOrDefault((apiVersion, kind));
        }

        var result = new List<PrinterColumn> { new("NAME", false, (o, _) => o.Metadata.Name ?? "") };
        result.AddRange(columns is null ? [Age] : columns.Where(c => wide || !c.WideOnly));
        return result;
    }

    /// <summary>A table of objects of one kind (the kind of the first object; others are skipped, as kubectl prints one table per kind).</summary>
    public static PrinterTable Table(IReadOnlyList<KubeObject> objects, bool wide, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (objects.Count == 0)
        {
            return new PrinterTable(["NAME"], []);
        }

        KubeObject first = objects[0];
        IReadOnlyList<PrinterColumn> columns = For(first.ApiVersion, first.Kind, wide);
        var rows = objects.Where(o => o.ApiVersion == first.ApiVersion && o.Kind == first.Kind)
            .Select(o => (IReadOnlyList<string>)[.. columns.Select(c => c.Value(o, now))])
            .ToList();
        return new PrinterTable([.. columns.Select(c => c.Header)], rows);
    }

    /// <summary>kubectl's <c>HumanDuration</c> short form, or <c>&lt;unknown&gt;</c> without a timestamp.</summary>
    public static string FormatAge(string? creationTimestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(creationTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset created))
        {
            return "<unknown>";
        }

        TimeSpan age = now - created;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        int seconds = (int)age.TotalSeconds;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            < 600 => seconds % 60 == 0 ? $"{seconds / 60}m" : $"{seconds / 60}m{seconds % 60}s",
            < 3600 * 3 => $"{seconds / 60}m",
            < 3600 * 8 => (seconds / 60 % 60) == 0 ? $"{seconds / 3600}h" : $"{seconds / 3600}h{seconds / 60 % 60}m",
            < 3600 * 48 => $"{seconds / 3600}h",
            < 3600 * 24 * 8 => (seconds / 3600 % 24) == 0 ? $"{seconds / 86400}d" : $"{seconds / 86400}d{seconds / 3600 % 24}h",
            < 3600 * 24 * 365 * 2 => $"{seconds / 86400}d",
            < 3600 * 24 * 365 * 8 => (seconds / 86400 % 365) == 0 ? $"{seconds / 86400 / 365}y" : $"{seconds / 86400 / 365}y{seconds / 86400 % 365}d",
            _ => $"{seconds / 86400 / 365}y",
        };
    }

    private static PrinterColumn Column<T>(string header, Func<T, string> value, bool wide = false)
        where T : KubeObject => new(header, wide, (o, _) => o is T typed ? value(typed) : "");

    private static IPAllocationDetail? First(SpiderEndpoint endpoint) => endpoint.Status?.Current?.IPs is { Count: > 0 } ips ? ips[0] : null;

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Text(UInt128? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Text(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => "",
    };

    // kubectl prints list-valued cells as JSON.
    private static string GoJson(List<string>? values) =>
        values is null ? "" : JsonSerializer.Serialize(values, Serialization.ApiJsonContext.Default.ListString);
}

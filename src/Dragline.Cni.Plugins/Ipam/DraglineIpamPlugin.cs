using System.Globalization;
using System.Net;
using Dragline.Cni.Agent;

namespace Dragline.Cni.Plugins.Ipam;

/// <summary>
/// <c>dragline-ipam</c>: a thin client of the node's dragline agent. ADD asks the agent for the
/// attachment's addresses and prints them as the IPAM result; DEL releases them (an unknown
/// attachment is success; an unreachable agent is code 11 so the runtime retries the DEL rather
/// than leaking the address); CHECK compares the agent's record with <c>prevResult</c>; GC passes
/// the runtime's valid attachments to the agent; STATUS is code 50 while the agent is unreachable,
/// not ready, or the network's pools are exhausted.
/// </summary>
public sealed class DraglineIpamPlugin : ICniPlugin
{
    public const string PluginName = ShippedPlugins.Ipam;

    private readonly Func<string, AgentClient> _clientFactory;

    /// <param name="clientFactory">Makes the agent client for a socket path (tests shorten the timeouts).</param>
    public DraglineIpamPlugin(Func<string, AgentClient>? clientFactory = null)
    {
        _clientFactory = clientFactory ?? (socket => new AgentClient(new AgentClientOptions { SocketPath = socket }));
    }

    public string Name => PluginName;

    public async Task<CniResult> AddAsync(CniRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (DraglineIpamConfig config, PluginLog log) = Load(request);
        CniEnvironment env = request.Environment;
        string ifName = env.IfName!;
        using AgentClient agent = _clientFactory(config.SocketPath);
        AgentAllocation allocation = await Logged(log, "ADD", () => agent.AllocateAsync(
            new AgentAllocateRequest
            {
                ContainerId = env.ContainerId!,
                IfName = ifName,
                NetNamespace = env.NetNs,
                Network = request.NetworkName,
                PodNamespace = env.Args.PodNamespace,
                PodName = env.Args.PodName,
                PodUid = env.Args.PodUid,
                DefaultIpv4Pools = config.DefaultIpv4Pools,
                DefaultIpv6Pools = config.DefaultIpv6Pools,
                CleanGateway = config.CleanGateway,
                MatchMasterSubnet = config.MatchMasterSubnet,
                RequestedIps = config.RequestedIps.Count > 0 ? config.RequestedIps : null,
            },
            cancellationToken)).ConfigureAwait(false);

        try
        {
            CniResult result = ToResult(allocation, ifName, env.ContainerId!);
            log.Write(PluginLogLevel.Info, $"ADD allocated {string.Join(", ", result.Ips!.Select(i => i.Address))} from {string.Join(", ", allocation.Ips.Where(i => i.Interface == ifName).Select(i => i.Pool))}");
            return result;
        }
        catch (CniException ex)
        {
            // The agent allocated but the reply is unusable: give the addresses back before failing.
            log.Write(PluginLogLevel.Error, $"ADD failed after allocation, releasing: {ex.Message}");
            await ReleaseQuietlyAsync(agent, request, log).ConfigureAwait(false);
            throw;
        }
    }

    public async Task DeleteAsync(CniRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (DraglineIpamConfig config, PluginLog log) = Load(request);
        using AgentClient agent = _clientFactory(config.SocketPath);
        try
        {
            AgentReleaseResponse released = await Logged(log, "DEL", () => agent.ReleaseAsync(ReleaseRequest(request), cancellationToken)).ConfigureAwait(false);
            log.Write(PluginLogLevel.Info, released.Released.Count == 0
                ? "DEL: nothing was allocated"
                : $"DEL released {string.Join(", ", released.Released.Select(r => $"{r.Address} ({r.Pool})"))}");
        }
        catch (AgentException ex) when (ex.AgentCode == AgentErrorCodes.NotFound)
        {
            // DEL of something unknown succeeds (CNI 1.0: "return success if ... missing").
            log.Write(PluginLogLevel.Info, "DEL: the agent knows no such attachment");
        }
    }

    public async Task CheckAsync(CniRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (DraglineIpamConfig config, PluginLog log) = Load(request);
        CniEnvironment env = request.Environment;
        string ifName = env.IfName!;
        CniResult? previous = request.Config.GetPrevResult();
        using AgentClient agent = _clientFactory(config.SocketPath);
        AgentAllocation allocation;
        try
        {
            allocation = await Logged(log, "CHECK", () => agent.GetAllocationAsync(
                new AgentAllocationQuery
                {
                    ContainerId = env.ContainerId!,
                    IfName = ifName,
                    Network = request.NetworkName,
                    PodNamespace = env.Args.PodNamespace,
                    PodName = env.Args.PodName,
                    PodUid = env.Args.PodUid,
                },
                cancellationToken)).ConfigureAwait(false);
        }
        catch (AgentException ex) when (ex.AgentCode == AgentErrorCodes.NotFound)
        {
            throw new CniException(
                CniErrorCode.AllocationMismatch,
                $"the dragline agent holds no address of network \"{request.NetworkName}\" for container {env.ContainerId} interface {ifName}: {ex.Message}");
        }

        var held = allocation.Ips.Where(i => i.Interface == ifName).Select(i => Normalize(i.Address)).ToHashSet(StringComparer.Ordinal);
        if (held.Count == 0)
        {
            throw new CniException(
                CniErrorCode.AllocationMismatch,
                $"the dragline agent holds no address of network \"{request.NetworkName}\" for container {env.ContainerId} interface {ifName}");
        }

        foreach (CniIpConfig ip in previous?.Ips ?? [])
        {
            if (!held.Contains(Normalize(ip.Address)))
            {
                throw new CniException(
                    CniErrorCode.AllocationMismatch,
                    $"prevResult has {ip.Address} on {ifName}, but the dragline agent holds {string.Join(", ", held)} for container {env.ContainerId}");
            }
        }
    }

    public async Task GarbageCollectAsync(CniRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (DraglineIpamConfig config, PluginLog log) = Load(request);
        IReadOnlyList<CniAttachment> valid = request.Config.GetGcValidAttachments()
            ?? throw new CniException(
                CniErrorCode.InvalidNetworkConfig,
                $"GC needs the list of attachments in use (\"{CniNetworkConfig.ValidAttachmentsKey}\"); without it dragline-ipam releases nothing");
        using AgentClient agent = _clientFactory(config.SocketPath);
        AgentGcResponse response = await Logged(log, "GC", () => agent.CollectGarbageAsync(
            new AgentGcRequest
            {
                Network = request.NetworkName,
                ValidAttachments = valid.Select(a => new AgentAttachment { ContainerId = a.ContainerId, IfName = a.IfName }).ToArray(),
            },
            cancellationToken)).ConfigureAwait(false);
        log.Write(PluginLogLevel.Info, string.Create(CultureInfo.InvariantCulture, $"GC kept {valid.Count} attachment(s), released {response.Released.Count}"));
    }

    public async Task StatusAsync(CniRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (DraglineIpamConfig config, PluginLog log) = Load(request);
        using AgentClient agent = _clientFactory(config.SocketPath);
        AgentStatus status;
        try
        {
            status = await agent.GetStatusAsync(
                new AgentStatusQuery { Network = request.NetworkName, DefaultIpv4Pools = config.DefaultIpv4Pools, DefaultIpv6Pools = config.DefaultIpv6Pools },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AgentException ex)
        {
            log.Write(PluginLogLevel.Warn, $"STATUS: {ex.Message}");
            throw new CniException(CniErrorCode.PluginNotAvailable, $"dragline-ipam cannot serve ADD: {ex.Message}");
        }

        if (!status.Ready)
        {
            throw new CniException(CniErrorCode.PluginNotAvailable, $"dragline-ipam cannot serve ADD: the dragline agent is not ready{Suffix(status.Message)}");
        }

        if (!status.CanAllocate)
        {
            string pools = status.Pools is { Count: > 0 } p ? $" (pools: {string.Join(", ", p.Select(x => $"{x.Name} {x.Free} free"))})" : string.Empty;
            throw new CniException(
                CniErrorCode.PluginNotAvailable,
                $"dragline-ipam cannot serve ADD on network \"{request.NetworkName}\": no free address{pools}{Suffix(status.Message)}");
        }
    }

    /// <summary>The agent's reply for one interface as a CNI IPAM result (no <c>interfaces</c>, no interface indexes).</summary>
    internal static CniResult ToResult(AgentAllocation allocation, string ifName, string containerId)
    {
        var ips = new List<CniIpConfig>();
        foreach (AgentIpConfig ip in allocation.Ips.Where(i => i.Interface == ifName))
        {
            if (!IsCidr(ip.Address))
            {
                throw new CniException(CniErrorCode.AgentRejected, $"the dragline agent returned \"{ip.Address}\" for {ifName}, which is not an address with a prefix length");
            }

            if (ip.Gateway is not null && !IPAddress.TryParse(ip.Gateway, out _))
            {
                throw new CniException(CniErrorCode.AgentRejected, $"the dragline agent returned gateway \"{ip.Gateway}\" for {ifName}, which is not an IP address");
            }

            ips.Add(new CniIpConfig { Address = ip.Address, Gateway = ip.Gateway });
        }

        if (ips.Count == 0)
        {
            string others = string.Join(", ", allocation.Ips.Select(i => i.Interface).Distinct(StringComparer.Ordinal));
            throw new CniException(
                CniErrorCode.AgentRejected,
                $"the dragline agent returned no address for interface {ifName} of container {containerId}" + (others.Length > 0 ? $" (only for: {others})" : string.Empty));
        }

        return new CniResult
        {
            Ips = ips,
            Routes = (allocation.Routes ?? []).Where(r => r.Interface == ifName).Select(r => new CniRoute { Dst = r.Dst, Gw = r.Gw }).ToArray(),
            Dns = allocation.Dns is { } d
                ? new CniDns { Nameservers = d.Nameservers, Domain = d.Domain, Search = d.Search, Options = d.Options }
                : new CniDns(),
        };
    }

    private static (DraglineIpamConfig Config, PluginLog Log) Load(CniRequest request)
    {
        DraglineIpamConfig config = DraglineIpamConfig.Parse(request.Config);
        CniEnvironment env = request.Environment;
        var log = new PluginLog(
            config.LogFilePath,
            config.LogLevel,
            config.LogFileMaxSizeMegabytes,
            config.LogFileMaxAgeDays,
            config.LogFileMaxCount,
            $"{PluginName} net={request.NetworkName} container={env.ContainerId ?? "-"} if={env.IfName ?? "-"} pod={env.Args.PodNamespace ?? "-"}/{env.Args.PodName ?? "-"}: ");
        if (config.IgnoredKeys.Count > 0)
        {
            log.Write(PluginLogLevel.Warn, $"ignoring unknown ipam keys: {string.Join(", ", config.IgnoredKeys)}");
        }

        return (config, log);
    }

    private static async Task<T> Logged<T>(PluginLog log, string command, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AgentException ex)
        {
            log.Write(ex.AgentCode == AgentErrorCodes.NotFound ? PluginLogLevel.Info : PluginLogLevel.Error, $"{command}: {ex.Message}");
            throw;
        }
    }

    private static AgentReleaseRequest ReleaseRequest(CniRequest request) => new()
    {
        ContainerId = request.Environment.ContainerId!,
        IfName = request.Environment.IfName!,
        Network = request.NetworkName,
        NetNamespace = request.Environment.NetNs,
        PodNamespace = request.Environment.Args.PodNamespace,
        PodName = request.Environment.Args.PodName,
        PodUid = request.Environment.Args.PodUid,
    };

    private static async Task ReleaseQuietlyAsync(AgentClient agent, CniRequest request, PluginLog log)
    {
        try
        {
            await agent.ReleaseAsync(ReleaseRequest(request), CancellationToken.None).ConfigureAwait(false);
        }
        catch (AgentException ex)
        {
            log.Write(PluginLogLevel.Error, $"ADD undo: release failed, the address is left to GC: {ex.Message}");
        }
    }

    private static bool IsCidr(string text) => text.Contains('/', StringComparison.Ordinal) && DraglineIpamConfig.IsAddressOrCidr(text);

    private static string Normalize(string cidr)
    {
        int slash = cidr.IndexOf('/', StringComparison.Ordinal);
        string ip = slash < 0 ? cidr : cidr[..slash];
        return IPAddress.TryParse(ip, out IPAddress? parsed) ? parsed + (slash < 0 ? string.Empty : cidr[slash..]) : cidr;
    }

    private static string Suffix(string? message) => string.IsNullOrEmpty(message) ? string.Empty : $": {message}";
}

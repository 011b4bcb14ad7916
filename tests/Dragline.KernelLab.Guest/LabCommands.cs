using System.Globalization;
using System.Text.Json.Nodes;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Multus;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Core.Net;
using Dragline.Ipam;
using Dragline.Linux;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;
using Dragline.Testing.Ipam;

namespace Dragline.KernelLab.Guest;

/// <summary>
/// <c>lab-up</c>: the exclusive-mode lab of <c>dragline lab up --kernel</c>, done in the guest with Dragline's own code.
/// The RDMA netns mode is set to exclusive; a fabric namespace holds a bridge with each pool's gateway (the switch);
/// each node is a namespace; each pod gets a netdev that first appears in its node's namespace (a veth whose other end
/// is a bridge port: the stand-in for a VF), is moved into the pod and renamed <c>eth0</c>, then gets its own Soft-RoCE
/// device, which is moved into the pod too. Addresses come from Dragline's IPAM engine over the manifests' pools
/// (in-memory store: one process makes every allocation and the guest is gone after the run).
/// Prints <c>lab-mode</c>, <c>lab-node</c> and one <c>lab-pod</c> record per pod.
/// </summary>
internal static class LabCommands
{
    private const string BridgeName = "br0";
    private const string PodInterface = "eth0";
    private const string DefaultNetworkAnnotation = "v1.multus-cni.io/default-network";
    private const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";
    private static readonly string[] NodeNames = ["node1", "node2"];

    public static void Up(string manifestPath, string prefix)
    {
        List<ManifestDocument> documents = [.. ManifestReader.Default.ReadFile(manifestPath)];
        List<SpiderIPPool> pools = [.. documents.Select(d => d.Object).OfType<SpiderIPPool>()];
        List<SpiderMultusConfig> networks = [.. documents.Select(d => d.Object).OfType<SpiderMultusConfig>()];
        List<LabPod> pods = PlanPods(documents, prefix);
        if (pods.Count == 0)
        {
            throw new UsageException($"{manifestPath} defines no DaemonSet or Pod: the lab has nothing to wire");
        }

        SetExclusiveMode();

        using NetworkNamespace fabric = NetworkNamespace.Create(prefix + "fabric");
        using RtNetlinkClient fabricLinks = RtNetlinkClient.OpenInNamespace(fabric);
        fabricLinks.SetLinkUp(fabricLinks.GetLink("lo").Index);
        fabricLinks.CreateBridge(BridgeName);
        int bridge = fabricLinks.GetLink(BridgeName).Index;
        foreach (SpiderIPPool pool in pools)
        {
            if (pool.Spec?.Gateway is { Length: > 0 } gateway && pool.Spec.Subnet is { Length: > 0 } subnet)
            {
                fabricLinks.AddAddress(bridge, IpCidr.Parse($"{gateway}/{subnet[(subnet.IndexOf('/', StringComparison.Ordinal) + 1)..]}"));
            }
        }

        fabricLinks.SetLinkUp(bridge);
        foreach (string node in NodeNames)
        {
            using NetworkNamespace created = NetworkNamespace.Create(prefix + node);
            using RtNetlinkClient nodeLinks = RtNetlinkClient.OpenInNamespace(created);
            nodeLinks.SetLinkUp(nodeLinks.GetLink("lo").Index);
            Record.Print("lab-node", ("name", node), ("netns", prefix + node));
        }

        var objects = new InMemoryIpamObjectSource();
        pools.ForEach(p => objects.AddPool(p));
        foreach (LabPod pod in pods)
        {
            objects.AddPod(new PodMetadata(pod.Namespace, pod.Name, pod.Uid, new Dictionary<string, string>(), pod.Annotations));
        }

        var engine = new IpamEngine(new InMemoryIpamStore(), objects, new IpamEngineOptions { EnableIPv6 = false });
        for (int i = 0; i < pods.Count; i++)
        {
            WirePod(pods[i], i, prefix, fabricLinks, bridge, networks, engine);
        }
    }

    private static void SetExclusiveMode()
    {
        using RdmaNetlinkClient rdma = RdmaNetlinkClient.Open();
        // The kernel refuses the switch (EBUSY) while another namespace exists, including ones still being torn down.
        DateTime until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                rdma.SetNetnsMode(RdmaNetnsMode.Exclusive);
                break;
            }
            catch (LinuxException ex) when (ex.Errno == 16 && DateTime.UtcNow < until)
            {
                Thread.Sleep(500);
            }
        }

        RdmaNetnsMode mode = rdma.GetNetnsMode();
        Record.Print("lab-mode", ("rdma-netns", mode == RdmaNetnsMode.Exclusive ? "exclusive" : "shared"));
        if (mode != RdmaNetnsMode.Exclusive)
        {
            throw new DraglineException(DraglineErrorReason.Conflict, "the RDMA netns mode reads back as shared after setting exclusive");
        }
    }

    private static void WirePod(LabPod pod, int index, string prefix, RtNetlinkClient fabricLinks, int bridge, List<SpiderMultusConfig> networks, IpamEngine engine)
    {
        string suffix = index.ToString(CultureInfo.InvariantCulture);
        string vf = "vf" + suffix;
        string rxe = "rxe" + suffix;
        using NetworkNamespace node = NetworkNamespace.OpenByName(prefix + pod.Node);
        using NetworkNamespace podNamespace = NetworkNamespace.Create(pod.NetworkNamespace);

        // The "VF": a netdev in the node's namespace whose other end is a port of the fabric bridge.
        string port = "port" + suffix;
        fabricLinks.CreateVeth(port, vf, node.Handle);
        int portIndex = fabricLinks.GetLink(port).Index;
        fabricLinks.SetMaster(portIndex, bridge);
        fabricLinks.SetLinkUp(portIndex);

        // As the exclusive-mode CNI does: the netdev goes into the pod (renamed eth0), then the pod's RDMA device.
        using (RtNetlinkClient nodeLinks = RtNetlinkClient.OpenInNamespace(node))
        {
            nodeLinks.MoveToNamespace(nodeLinks.GetLink(vf).Index, podNamespace.Handle);
        }

        using RtNetlinkClient podLinks = RtNetlinkClient.OpenInNamespace(podNamespace);
        podLinks.SetLinkUp(podLinks.GetLink("lo").Index);
        podLinks.SetName(podLinks.GetLink(vf).Index, PodInterface);
        int eth0 = podLinks.GetLink(PodInterface).Index;
        podLinks.SetLinkUp(eth0);

        // rxe deletes its device when the netdev leaves the namespace, so the device is made after the move; the
        // kernel registers it in the initial namespace, from where it is moved into the pod.
        using (RdmaNetlinkClient podRdma = RdmaNetlinkClient.OpenInNamespace(podNamespace))
        {
            podRdma.AddRxeLink(rxe, PodInterface);
        }

        using (RdmaNetlinkClient initialRdma = RdmaNetlinkClient.Open())
        {
            RdmaNetlinkDevice device = initialRdma.FindDevice(rxe)
                ?? throw new DraglineException(DraglineErrorReason.NotFound, $"Soft-RoCE device {rxe} over {PodInterface} of {pod.NetworkNamespace} did not appear in the initial namespace");
            initialRdma.MoveDeviceToNamespace(device.Index, podNamespace.Handle);
        }

        SpiderMultusConfig network = networks.Find(n => $"{n.Metadata.Namespace ?? "default"}/{n.Metadata.Name}" == pod.Network)
            ?? throw new UsageException($"pod {pod.Namespace}/{pod.Name} asks for network {pod.Network}, which no SpiderMultusConfig in the manifests defines");
        AllocationResult allocation = engine.AllocateAsync(new AllocationRequest
        {
            ContainerId = "lab-" + pod.Uid,
            IfName = PodInterface,
            NetNamespace = NetworkNamespace.PathOf(pod.NetworkNamespace),
            PodNamespace = pod.Namespace,
            PodName = pod.Name,
            PodUid = pod.Uid,
            Network = pod.Network,
            Node = pod.Node,
            DefaultIPv4Pools = PoolsOf(network).Ipv4 ?? [],
            DefaultIPv6Pools = PoolsOf(network).Ipv6 ?? [],
        }).AsTask().GetAwaiter().GetResult();
        AllocatedAddress address = allocation.Addresses.FirstOrDefault(a => a.Nic == PodInterface)
            ?? throw new DraglineException(DraglineErrorReason.NotFound, $"the IPAM engine returned no address for {pod.Namespace}/{pod.Name} {PodInterface}");
        podLinks.AddAddress(eth0, address.Address);
        if (address.Gateway is IpAddress gateway)
        {
            podLinks.AddRoute(new Dragline.Linux.Netlink.Route { Family = address.Address.Family, Gateway = gateway, OutputInterfaceIndex = eth0 });
        }

        using RdmaNetlinkClient seen = RdmaNetlinkClient.OpenInNamespace(podNamespace);
        List<RdmaNetlinkDevice> visible = [.. seen.ListDevices()];
        Record.Print(
            "lab-pod",
            ("pod", $"{pod.Namespace}/{pod.Name}"),
            ("node", pod.Node),
            ("netns", pod.NetworkNamespace),
            ("interface", PodInterface),
            ("address", address.Address.ToString()),
            ("mac", podLinks.GetLink(eth0).HardwareAddress?.ToString()),
            ("gateway", address.Gateway?.ToString()),
            ("pool", address.Pool),
            ("network", pod.Network),
            ("rdma-device", rxe),
            ("node-netdev", vf),
            ("rdma-visible", visible.Count == 0 ? "-" : string.Join(',', visible.Select(d => $"{d.Name}:{string.Join('+', d.Ports.Select(p => p.NetdevName ?? "?"))}"))));
    }

    private static SpiderpoolPools PoolsOf(SpiderMultusConfig network)
    {
        SpiderMultusConfigSpec? spec = network.Spec;
        return spec?.Sriov?.Ippools ?? spec?.IbSriov?.Ippools ?? spec?.Macvlan?.Ippools ?? spec?.Ipvlan?.Ippools ?? spec?.Ipoib?.Ippools ?? spec?.Ovs?.Ippools ?? new SpiderpoolPools();
    }

    /// <summary>DaemonSets become one pod per node (<c>NAME-nodeN</c>); Pods keep their <c>spec.nodeName</c> or go round-robin.</summary>
    private static List<LabPod> PlanPods(List<ManifestDocument> documents, string prefix)
    {
        var pods = new List<LabPod>();
        int next = 0;
        foreach (ManifestDocument document in documents)
        {
            KubeObject obj = document.Object;
            string ns = string.IsNullOrEmpty(obj.Metadata.Namespace) ? "default" : obj.Metadata.Namespace;
            if (obj.Kind == "DaemonSet")
            {
                Dictionary<string, string> annotations = Annotations(document.Json["spec"]?["template"]?["metadata"]?["annotations"] as JsonObject);
                pods.AddRange(NodeNames.Select(node => NewPod($"{obj.Metadata.Name}-{node}", ns, node, annotations, prefix)));
            }
            else if (obj.Kind == "Pod")
            {
                string node = document.Json["spec"]?["nodeName"]?.GetValue<string>() ?? NodeNames[next++ % NodeNames.Length];
                if (!NodeNames.Contains(node))
                {
                    throw new UsageException($"pod {ns}/{obj.Metadata.Name} has nodeName '{node}'; the lab's nodes are {string.Join(", ", NodeNames)}");
                }

                pods.Add(NewPod(obj.Metadata.Name ?? "", ns, node, Annotations(document.Json["metadata"]?["annotations"] as JsonObject), prefix));
            }
        }

        return pods;
    }

    private static LabPod NewPod(string name, string ns, string node, Dictionary<string, string> annotations, string prefix)
    {
        if (annotations.TryGetValue(NetworksAnnotation, out string? extra) && extra.Trim().Length > 0)
        {
            throw new UsageException($"pod {ns}/{name}: {NetworksAnnotation} (extra networks) is not supported in the kernel lab yet; give the pod one {DefaultNetworkAnnotation}");
        }

        if (!annotations.TryGetValue(DefaultNetworkAnnotation, out string? network) || network.Trim().Length == 0)
        {
            throw new UsageException($"pod {ns}/{name} has no {DefaultNetworkAnnotation} annotation: the kernel lab wires that one network");
        }

        network = network.Trim();
        return new LabPod(name, ns, node, Guid.NewGuid().ToString(), prefix + name, network.Contains('/', StringComparison.Ordinal) ? network : $"{ns}/{network}", annotations);
    }

    private static Dictionary<string, string> Annotations(JsonObject? json)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in json ?? [])
        {
            annotations[key] = value?.ToString() ?? "";
        }

        return annotations;
    }

    private sealed record LabPod(string Name, string Namespace, string Node, string Uid, string NetworkNamespace, string Network, Dictionary<string, string> Annotations);
}

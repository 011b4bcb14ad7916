using Dragline.Cni;
using Dragline.Cni.Runtime;
using Dragline.Linux;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;

namespace Dragline.Lab;

/// <summary>
/// Attaches the lab's pods: makes each pod's namespace and runs CNI ADD of each of its attachments the way a runtime
/// does (<see cref="CniConfigListExecutor"/>), with the plugins started inside the pod's node namespace. The final ADD
/// result is kept in the state (the runtime's result cache) for DEL's <c>prevResult</c>.
/// </summary>
public static class LabAttacher
{
    public static void Attach(LabState state, LabPodState pod, IReadOnlyList<string> cniPath, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(progress);
        LabNodeState node = state.Nodes.Single(n => n.Name == pod.Node);
        using NetworkNamespace podNamespace = NetworkNamespace.Create(pod.NetworkNamespace);
        using (RtNetlinkClient podLinks = RtNetlinkClient.OpenInNamespace(podNamespace))
        {
            podLinks.SetLinkUp(podLinks.GetLink("lo").Index);
        }

        using NetworkNamespace nodeNamespace = NetworkNamespace.OpenByName(node.Namespace);
        var cni = new CniConfigListExecutor(cniPath, new NamespacedCniPluginLauncher(nodeNamespace));
        foreach (LabAttachmentState attachment in pod.Attachments)
        {
            attachment.Added = true; // DEL is safe to repeat: mark before ADD so a failed ADD is cleaned up by down
            LabStateFile.Save(state);
            CniResult result = cni.Add(attachment.ConfigList, InvocationOf(pod, attachment));
            Record(result, attachment);
            LabStateFile.Save(state);
            progress($"pod {pod.PodNamespace}/{pod.Name} on {pod.Node}: {attachment.InterfaceName} {attachment.Address} via {attachment.Network}");
        }

        pod.RdmaDevices = RdmaDevices(podNamespace);
        LabStateFile.Save(state);
    }

    /// <summary>The <c>CNI_*</c> values of one attachment; the same for ADD and DEL, as the spec requires.</summary>
    public static CniInvocation InvocationOf(LabPodState pod, LabAttachmentState attachment)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(attachment);
        return new(attachment.ContainerId, NetworkNamespace.PathOf(pod.NetworkNamespace), attachment.InterfaceName, pod.PodNamespace, pod.Name, pod.Uid);
    }

    private static void Record(CniResult result, LabAttachmentState attachment)
    {
        attachment.Result = result;
        if (result.Ips is [CniIpConfig first, ..])
        {
            attachment.Address = first.Address;
            attachment.Gateway = first.Gateway;
        }

        attachment.Mac = result.Interfaces?.FirstOrDefault(i => i.Name == attachment.InterfaceName && i.Sandbox is not null)?.Mac;
    }

    private static string RdmaDevices(NetworkNamespace podNamespace)
    {
        try
        {
            using RdmaNetlinkClient rdma = RdmaNetlinkClient.OpenInNamespace(podNamespace);
            IReadOnlyList<RdmaNetlinkDevice> devices = rdma.ListDevices();
            return devices.Count == 0 ? "none (no RDMA device here)" : string.Join(", ", devices.Select(d => d.Name));
        }
        catch (LinuxException)
        {
            return "none (no RDMA in this kernel)";
        }
    }
}

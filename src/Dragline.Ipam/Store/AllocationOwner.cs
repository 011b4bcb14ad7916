namespace Dragline.Ipam.Store;

/// <summary>
/// Who holds an address: the pod (namespace, name, UID), the container (sandbox) ID and the interface
/// inside it, and the node the allocation was made on.
/// </summary>
/// <remarks>
/// The pod UID is the identity when there is one (Kubernetes); standalone runtimes (nerdctl, Podman)
/// often pass no pod, so the container ID stands in. Two owners hold the same <em>attachment</em> when
/// identity, container ID and interface all match: a release must name the attachment it frees, so a
/// late DEL of an old sandbox never frees an address a newer sandbox of the same pod now holds.
/// </remarks>
public sealed record AllocationOwner(
    string PodNamespace,
    string PodName,
    string PodUid,
    string ContainerId,
    string Interface,
    string Node)
{
    /// <summary>
    /// The CNI network (<c>name</c> of the network configuration) whose ADD made the allocation. Empty means
    /// unknown (records written before networks were recorded): a CNI GC never releases those.
    /// </summary>
    public string Network { get; init; } = "";

    /// <summary>The key allocations are indexed by: the pod UID, or <c>container:&lt;id&gt;</c> without one.</summary>
    public string IdentityKey => IdentityKeyOf(PodUid, ContainerId);

    /// <summary><c>namespace/name</c> as Spiderpool records the pod.</summary>
    public string PodReference => $"{PodNamespace}/{PodName}";

    /// <summary>The identity key for a pod UID (preferred) or, when it is empty, a container ID.</summary>
    public static string IdentityKeyOf(string podUid, string containerId)
    {
        ArgumentNullException.ThrowIfNull(podUid);
        ArgumentNullException.ThrowIfNull(containerId);
        return podUid.Length > 0 ? podUid : "container:" + containerId;
    }

    /// <summary>True when <paramref name="other"/> is the same pod (or container), sandbox and interface.</summary>
    public bool IsSameAttachment(AllocationOwner other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IdentityKey == other.IdentityKey
            && ContainerId == other.ContainerId
            && Interface == other.Interface;
    }
}

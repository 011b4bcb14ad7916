namespace Dragline.Cni.Runtime;

/// <summary>
/// What a runtime tells every plugin of one attachment through <c>CNI_*</c>: the container, its network namespace and
/// interface, and the pod for <c>CNI_ARGS</c> (the Kubernetes runtimes' <c>K8S_POD_*</c> keys, which our IPAM reads).
/// </summary>
public sealed record CniInvocation(string ContainerId, string NetnsPath, string InterfaceName, string PodNamespace, string PodName, string PodUid)
{
    /// <summary><c>CNI_ARGS</c> as containerd and CRI-O write it for a pod.</summary>
    public string Args =>
        $"IgnoreUnknown=1;K8S_POD_NAMESPACE={PodNamespace};K8S_POD_NAME={PodName};K8S_POD_INFRA_CONTAINER_ID={ContainerId};K8S_POD_UID={PodUid}";
}

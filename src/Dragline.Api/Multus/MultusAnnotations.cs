namespace Dragline.Api.Multus;

/// <summary>Annotation keys a SpiderMultusConfig and its NetworkAttachmentDefinition carry.</summary>
public static class MultusAnnotations
{
    /// <summary>Custom NetworkAttachmentDefinition name (DNS-1123 subdomain; immutable once set).</summary>
    public const string CustomName = "multus.spidernet.io/cr-name";

    /// <summary>The <c>cniVersion</c> of the rendered configuration.</summary>
    public const string CniVersion = "multus.spidernet.io/cni-version";

    /// <summary>The <c>name</c> inside the rendered CNI configuration.</summary>
    public const string CniConfigName = "cni.spidernet.io/cniconfig-name";

    /// <summary>Pod webhook: inject this network and its RDMA resource into pods that ask by this group.</summary>
    public const string RdmaResourceInject = "cni.spidernet.io/rdma-resource-inject";

    /// <summary>Pod webhook: inject this network and its network resource into pods that ask by this group.</summary>
    public const string NetworkResourceInject = "cni.spidernet.io/network-resource-inject";

    /// <summary>Set on the NetworkAttachmentDefinition: the device plugin resource a pod must request.</summary>
    public const string ResourceName = "k8s.v1.cni.cncf.io/resourceName";

    /// <summary>Resource prefix of OVS hardware-offload networks (the bridge name follows).</summary>
    public const string OvsResourcePrefix = "ovs-cni.network.kubevirt.io";

    /// <summary>The CNI versions a rendered configuration may declare; the first one is the default.</summary>
    public static IReadOnlyList<string> SupportedCniVersions { get; } = ["0.3.1", "0.3.0", "0.4.0", "1.0.0"];

    public const string DefaultCniVersion = "0.3.1";
}

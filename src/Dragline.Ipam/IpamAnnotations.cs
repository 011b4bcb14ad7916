namespace Dragline.Ipam;

/// <summary>The annotation keys the engine reads (Spiderpool's names).</summary>
public static class IpamAnnotations
{
    /// <summary>Pod: <c>{"ipv4":["p1"],"ipv6":["p6"],"cleangateway":false}</c>.</summary>
    public const string IPPool = "ipam.spidernet.io/ippool";

    /// <summary>Pod, multi-NIC: <c>[{"interface":"eth0","ipv4":[..],"ipv6":[..],"cleangateway":true}]</c>.</summary>
    public const string IPPools = "ipam.spidernet.io/ippools";

    /// <summary>Pod: <c>[{"dst":"10.0.0.0/16","gw":"192.168.1.1"}]</c>.</summary>
    public const string Routes = "ipam.spidernet.io/routes";

    /// <summary>Namespace: <c>["pool-a","pool-b"]</c>.</summary>
    public const string NamespaceDefaultIPv4Pool = "ipam.spidernet.io/default-ipv4-ippool";

    /// <summary>Namespace: <c>["pool6"]</c>.</summary>
    public const string NamespaceDefaultIPv6Pool = "ipam.spidernet.io/default-ipv6-ippool";

    /// <summary>Pod: the Multus default network (<c>ns/name</c>).</summary>
    public const string MultusDefaultNetwork = "v1.multus-cni.io/default-network";

    /// <summary>Pod: the Multus secondary networks (JSON list or <c>ns/name@if</c> comma list).</summary>
    public const string MultusNetworks = "k8s.v1.cni.cncf.io/networks";
}

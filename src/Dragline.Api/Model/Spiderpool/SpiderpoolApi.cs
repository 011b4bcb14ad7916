namespace Dragline.Api.Model.Spiderpool;

/// <summary>Names of the Spiderpool API group shared by its kinds.</summary>
public static class SpiderpoolApi
{
    /// <summary>The API group.</summary>
    public const string Group = "spiderpool.spidernet.io";

    /// <summary>Group and version as written in <c>apiVersion</c>.</summary>
    public const string ApiVersion = "spiderpool.spidernet.io/v2beta1";

    /// <summary>Finalizer added to pools, coordinators and endpoints.</summary>
    public const string Finalizer = "spiderpool.spidernet.io";

    /// <summary>Label the mutating webhook puts on every pool: its CIDR with <c>.</c>, <c>:</c> and <c>/</c> replaced by <c>-</c>.</summary>
    public const string IPPoolCidrLabel = "ipam.spidernet.io/ippool-cidr";

    /// <summary>The pod-affinity label whose value the APP-NAMESPACE column shows.</summary>
    public const string AppNamespaceLabel = "ipam.spidernet.io/app-namespace";
}

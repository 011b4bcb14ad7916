namespace Dragline.Api.Model.Sriov;

/// <summary>Names of the SR-IOV network operator's API group.</summary>
public static class SriovApi
{
    /// <summary>The API group.</summary>
    public const string Group = "sriovnetwork.openshift.io";

    /// <summary>Group and version as written in <c>apiVersion</c>.</summary>
    public const string ApiVersion = "sriovnetwork.openshift.io/v1";
}

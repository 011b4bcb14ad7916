namespace Dragline.Sriov;

/// <summary>The resource prefix of device-plugin resources (Spiderpool's <c>sriov.resourcePrefix</c>).</summary>
public static class SriovResourcePrefix
{
    /// <summary><c>spidernet.io</c>, as Spiderpool installs the operator (upstream's own chart says <c>openshift.io</c>).</summary>
    public const string Default = "spidernet.io";
}

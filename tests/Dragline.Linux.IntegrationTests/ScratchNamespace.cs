using System.Security.Cryptography;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;

namespace Dragline.Linux.IntegrationTests;

/// <summary>
/// A throwaway named network namespace with an rtnetlink client whose socket lives in it. Everything a
/// test creates inside goes away with the namespace, so cleanup holds even when the test fails.
/// The test thread itself never enters the namespace.
/// </summary>
internal sealed class ScratchNamespace : IDisposable
{
    private ScratchNamespace(string name, NetworkNamespace networkNamespace, RtNetlinkClient client)
    {
        Name = name;
        Namespace = networkNamespace;
        Client = client;
    }

    public string Name { get; }

    public NetworkNamespace Namespace { get; }

    public RtNetlinkClient Client { get; }

    public static void SkipUnlessRoot()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) to create network namespaces and links; run the integration tier as root.");
        }
    }

    public static ScratchNamespace Create()
    {
        SkipUnlessRoot();
        string name = "dlt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        NetworkNamespace networkNamespace = NetworkNamespace.Create(name);
        try
        {
            return new ScratchNamespace(name, networkNamespace, RtNetlinkClient.OpenInNamespace(networkNamespace));
        }
        catch
        {
            networkNamespace.Dispose();
            NetworkNamespace.Delete(name);
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Namespace.Dispose();
        NetworkNamespace.Delete(Name);
    }
}

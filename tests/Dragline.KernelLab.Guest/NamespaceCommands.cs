using Dragline.Core.Net;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;

namespace Dragline.KernelLab.Guest;

/// <summary>Namespaces and links, made with Dragline's own namespace and rtnetlink code.</summary>
internal static class NamespaceCommands
{
    public static void Add(string name)
    {
        using NetworkNamespace created = NetworkNamespace.Create(name);
        Record.Print("netns", ("name", name), ("path", created.Path));
    }

    public static void Delete(string name)
    {
        bool deleted = NetworkNamespace.Delete(name);
        Record.Print("netns-deleted", ("name", name), ("existed", deleted));
    }

    public static void AddVeth(string name, string peer, string? peerNamespace)
    {
        using RtNetlinkClient client = RtNetlinkClient.Open();
        if (peerNamespace is null)
        {
            client.CreateVeth(name, peer);
        }
        else
        {
            using NetworkNamespace target = NetworkNamespace.OpenByName(peerNamespace);
            client.CreateVeth(name, peer, target.Handle);
        }

        Record.Print("veth", ("name", name), ("peer", peer), ("peer-netns", peerNamespace));
    }

    public static void SetupLink(string name, string addressWithPrefix, string? namespaceName)
    {
        IpCidr address = IpCidr.Parse(addressWithPrefix);

        using NetworkNamespace? target = namespaceName is null ? null : NetworkNamespace.OpenByName(namespaceName);
        using RtNetlinkClient client = target is null ? RtNetlinkClient.Open() : RtNetlinkClient.OpenInNamespace(target);
        NetworkLink link = client.GetLink(name);
        client.AddAddress(link.Index, address);
        client.SetLinkUp(link.Index);
        Record.Print("link", ("name", name), ("index", link.Index), ("address", addressWithPrefix), ("netns", namespaceName));
    }

    public static void MoveLink(string name, string namespaceName)
    {
        using RtNetlinkClient client = RtNetlinkClient.Open();
        NetworkLink link = client.GetLink(name);
        using NetworkNamespace target = NetworkNamespace.OpenByName(namespaceName);
        client.MoveToNamespace(link.Index, target.Handle);
        Record.Print("link-moved", ("name", name), ("netns", namespaceName));
    }
}

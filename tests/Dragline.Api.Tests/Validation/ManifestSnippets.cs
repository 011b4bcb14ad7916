namespace Dragline.Api.Tests.Validation;

/// <summary>Small manifests for table-driven validation tests.</summary>
internal static class ManifestSnippets
{
    public static string Pool(string spec, string name = "p") => Object("spiderpool.spidernet.io/v2beta1", "SpiderIPPool", name, null, "spec", spec);

    public static string Subnet(string spec, string name = "s") => Object("spiderpool.spidernet.io/v2beta1", "SpiderSubnet", name, null, "spec", spec);

    public static string Reserved(string spec, string name = "r") => Object("spiderpool.spidernet.io/v2beta1", "SpiderReservedIP", name, null, "spec", spec);

    public static string Endpoint(string status, string name = "e") => Object("spiderpool.spidernet.io/v2beta1", "SpiderEndpoint", name, "default", "status", status);

    /// <summary>A policy in kube-system; <paramref name="spec"/> replaces the valid defaults for the keys it sets.</summary>
    public static string Policy(string spec, string name = "p", string ns = "kube-system", bool withDefaults = true)
    {
        string defaults = withDefaults ? "resourceName: r\nnodeSelector: {a: b}\nnumVfs: 4\nnicSelector: {vendor: \"15b3\"}\n" : "";
        var keys = spec.Split('\n').Where(l => l.Length > 0 && l[0] != ' ' && l[0] != '-').Select(l => l.Split(':')[0]).ToHashSet();
        string kept = string.Join('\n', defaults.Split('\n').Where(l => l.Length > 0 && !keys.Contains(l.Split(':')[0])));
        return Object("sriovnetwork.openshift.io/v1", "SriovNetworkNodePolicy", name, ns, "spec", kept + "\n" + spec);
    }

    public static string Object(string apiVersion, string kind, string name, string? ns, string section, string body)
    {
        string indented = string.Join('\n', body.Split('\n').Where(l => l.Length > 0).Select(l => "  " + l));
        string metadata = ns is null ? $"metadata:\n  name: {name}\n" : $"metadata:\n  name: {name}\n  namespace: {ns}\n";
        return $"apiVersion: {apiVersion}\nkind: {kind}\n{metadata}{section}:\n{indented}\n";
    }
}

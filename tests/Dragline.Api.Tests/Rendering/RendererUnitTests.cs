using System.Text.Json;
using Dragline.Api.Model;
using Dragline.Api.Multus;
using Dragline.Api.Rendering;
using Dragline.Core;

namespace Dragline.Api.Tests.Rendering;

/// <summary>The renderer on objects built in code, the plugin-name options, and Go-compatible JSON text.</summary>
public sealed class RendererUnitTests
{
    private static SpiderMultusConfig Macvlan(Action<SpiderMultusConfigSpec>? change = null)
    {
        var smc = new SpiderMultusConfig
        {
            Metadata = new ObjectMeta { Name = "net", Namespace = "ns", Uid = "1234-5678" },
            Spec = new SpiderMultusConfigSpec { CniType = CniTypes.Macvlan, Macvlan = new MacvlanCniConfig { Master = ["eth1"] } },
        };
        change?.Invoke(smc.Spec);
        SpiderMultusConfigDefaulter.Apply(smc);
        return smc;
    }

    [Fact]
    public void OwnerReferenceCarriesTheUid()
    {
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer().Render(Macvlan());
        Assert.Equal("1234-5678", Assert.Single(nad.Metadata.OwnerReferences!).Uid);
        Assert.Equal(("net", "ns"), (nad.Metadata.Name, nad.Metadata.Namespace));
    }

    [Fact]
    public void ChainedPluginIsWrittenAsGoWritesIt()
    {
        SpiderMultusConfig smc = Macvlan(s => s.ChainCniJsonData = ["""{"type":"x","z":1.50,"a":"<&>","a":"last","n":1e21,"small":0.0000001}"""]);
        string config = new NetworkAttachmentRenderer().Render(smc).Spec.Config!;
        Assert.Contains("""{"a":"last","n":1e+21,"small":1e-07,"type":"x","z":1.5}""", config, StringComparison.Ordinal);

        SpiderMultusConfig html = Macvlan(s => s.ChainCniJsonData = ["""{"type":"x","note":"a<b & c>d"}"""]);
        Assert.Contains("""{"note":"a\u003cb \u0026 c\u003ed","type":"x"}""", new NetworkAttachmentRenderer().Render(html).Spec.Config!, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiIsKeptAsUtf8()
    {
        SpiderMultusConfig smc = Macvlan();
        smc.Metadata.Annotations = new() { [MultusAnnotations.CniConfigName] = "réseau" };
        Assert.StartsWith("""{"cniVersion":"0.3.1","name":"réseau",""", new NetworkAttachmentRenderer().Render(smc).Spec.Config!, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderedConfigIsValidJson()
    {
        string config = new NetworkAttachmentRenderer().Render(Macvlan(s => s.Macvlan!.VlanId = 7)).Spec.Config!;
        using JsonDocument document = JsonDocument.Parse(config);
        Assert.Equal(3, document.RootElement.GetProperty("plugins").GetArrayLength());
    }

    [Fact]
    public void MissingSubConfigIsAnErrorNamingTheKey()
    {
        var smc = new SpiderMultusConfig { Metadata = new ObjectMeta { Name = "n", Namespace = "ns" }, Spec = new SpiderMultusConfigSpec { CniType = CniTypes.Sriov } };
        DraglineException error = Assert.Throws<DraglineException>(() => new NetworkAttachmentRenderer().Render(smc));
        Assert.Equal("SpiderMultusConfig/ns/n: cniType sriov needs spec.sriov", error.Message);
    }

    [Fact]
    public void PresetsAndOverrides()
    {
        Assert.Same(PluginNames.Upstream, PluginNames.FromPreset("upstream"));
        Assert.Same(PluginNames.Dragline, PluginNames.FromPreset("Dragline"));
        Assert.Null(PluginNames.FromPreset("multus"));
        PluginNames changed = PluginNames.Dragline.With("ib-sriov", "my-ib")!;
        Assert.Equal(("my-ib", "dragline-ipam"), (changed.IbSriov, changed.Ipam));
        Assert.Null(PluginNames.Dragline.With("dhcp", "x"));
        Assert.Equal(
            ["spiderpool", "coordinator", "ifacer", "sriov", "ib-sriov", "rdma"],
            [PluginNames.Upstream.Ipam, PluginNames.Upstream.Coordinator, PluginNames.Upstream.Ifacer, PluginNames.Upstream.Sriov, PluginNames.Upstream.IbSriov, PluginNames.Upstream.Rdma]);
    }

    [Fact]
    public void EveryRoleNameReachesTheOutput()
    {
        var names = new PluginNames { Macvlan = "mv", Ipam = "ip", Coordinator = "co", Ifacer = "if" };
        string config = new NetworkAttachmentRenderer(names).Render(Macvlan(s => s.Macvlan!.VlanId = 3)).Spec.Config!;
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"net","plugins":[{"vlanID":3,"type":"if","interfaces":["eth1"]},{"type":"mv","master":"eth1.3","mode":"bridge","mtu":0,"ipam":{"type":"ip"}},{"txQueueLen":0,"tunePodRoutes":true,"mode":"auto","type":"co"}]}""",
            config);
    }

    [Fact]
    public void ConflistFormatterNamesSingleConfigsConf()
    {
        SpiderMultusConfig smc = new()
        {
            Metadata = new ObjectMeta { Name = "c", Namespace = "ns" },
            Spec = new SpiderMultusConfigSpec { CniType = CniTypes.Custom, CustomCni = """{"cniVersion":"1.0.0","name":"c","type":"bridge"}""" },
        };
        SpiderMultusConfigDefaulter.Apply(smc);
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer().Render(smc);
        Assert.Equal("c.conf", CniConfigListFormatter.FileName(nad));
        Assert.Equal("# c.conf\n{\n  \"cniVersion\": \"1.0.0\",\n  \"name\": \"c\",\n  \"type\": \"bridge\"\n}\n", CniConfigListFormatter.Format(nad).ReplaceLineEndings("\n"));
    }
}

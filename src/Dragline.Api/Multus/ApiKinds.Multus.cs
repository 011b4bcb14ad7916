using Dragline.Api.Multus;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;

namespace Dragline.Api;

/// <summary>Registers the Multus-side kinds (SpiderMultusConfig, SpiderCoordinator, NetworkAttachmentDefinition).</summary>
public static partial class ApiKinds
{
    static partial void AddMoreKinds(KindRegistry kinds)
    {
        MultusJsonContext json = MultusJsonContext.Default;
        kinds.Register(SpiderMultusConfig.ApiVersionValue, SpiderMultusConfig.KindValue, json.SpiderMultusConfig, namespaced: true, shortName: "smc");
        kinds.Register(SpiderCoordinator.ApiVersionValue, SpiderCoordinator.KindValue, json.SpiderCoordinator, namespaced: false, shortName: "scc");
        kinds.Register(NetworkAttachmentDefinition.ApiVersionValue, NetworkAttachmentDefinition.KindValue, json.NetworkAttachmentDefinition, namespaced: true, shortName: "net-attach-def");
    }

    static partial void AddMoreValidators(ValidatorRegistry validators)
    {
        validators.Add(new SpiderMultusConfigValidator());
        validators.Add(new SpiderCoordinatorValidator());
    }
}

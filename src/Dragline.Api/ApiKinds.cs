using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;

namespace Dragline.Api;

/// <summary>
/// The one place where the kinds Dragline.Api models, and their defaulting/validation, are registered.
/// Other parts of this assembly plug in by implementing the partial methods below in their own file
/// (e.g. <c>Multus/ApiKinds.Multus.cs</c>): <c>static partial void AddMoreKinds(KindRegistry kinds)</c> and
/// <c>static partial void AddMoreValidators(ValidatorRegistry validators)</c>.
/// </summary>
public static partial class ApiKinds
{
    /// <summary>Registers every modelled kind into <paramref name="kinds"/>.</summary>
    public static void RegisterAll(KindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ApiJsonContext json = ApiJsonContext.Default;
        kinds.Register(SpiderpoolApi.ApiVersion, "SpiderIPPool", json.SpiderIPPool, namespaced: false, shortName: "sp");
        kinds.Register(SpiderpoolApi.ApiVersion, "SpiderSubnet", json.SpiderSubnet, namespaced: false, shortName: "ss");
        kinds.Register(SpiderpoolApi.ApiVersion, "SpiderReservedIP", json.SpiderReservedIP, namespaced: false, shortName: "sr");
        kinds.Register(SpiderpoolApi.ApiVersion, "SpiderEndpoint", json.SpiderEndpoint, namespaced: true, shortName: "se");
        kinds.Register(SriovApi.ApiVersion, "SriovNetworkNodePolicy", json.SriovNetworkNodePolicy, namespaced: true);
        kinds.Register(SriovApi.ApiVersion, "SriovNetworkNodeState", json.SriovNetworkNodeState, namespaced: true);
        AddMoreKinds(kinds);
    }

    /// <summary>Registers the defaulting and validation of every modelled kind into <paramref name="validators"/>.</summary>
    public static void RegisterAll(ValidatorRegistry validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        validators.Add(new SpiderIPPoolValidator());
        validators.Add(new SpiderSubnetValidator());
        validators.Add(new SpiderReservedIPValidator());
        validators.Add(new SpiderEndpointValidator());
        validators.Add(new SriovNetworkNodePolicyValidator());
        AddMoreValidators(validators);
    }

    // Implemented (optionally) by other folders of this assembly; without an implementation the call compiles away.
    static partial void AddMoreKinds(KindRegistry kinds);

    static partial void AddMoreValidators(ValidatorRegistry validators);
}

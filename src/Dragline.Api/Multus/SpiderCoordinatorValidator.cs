using Dragline.Api.Validation;

namespace Dragline.Api.Multus;

/// <summary>Spiderpool's SpiderCoordinator webhooks (<c>pkg/coordinatormanager</c> mutate and validate).</summary>
public sealed class SpiderCoordinatorValidator : ObjectValidator<SpiderCoordinator>
{
    protected override void ApplyDefaults(SpiderCoordinator obj, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        CoordinatorSpec spec = obj.Spec;
        spec.Mode ??= CoordinatorModes.Auto;
        spec.TunePodRoutes ??= true;
        spec.HostRuleTable ??= 500;
        spec.PodRpFilter ??= 0;
        spec.TxQueueLen ??= 0;
        spec.VethLinkAddress ??= "";
        spec.VethMtu ??= 1500;
        SpiderMultusConfigDefaulter.NormalizeCidrs(spec);
    }

    protected override void Validate(SpiderCoordinator obj, SpiderCoordinator? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(problems);
        CoordinatorSpecRules.Check(obj.Spec, "spec", podCidrTypeRequired: true, problems);
    }
}

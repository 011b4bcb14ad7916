using Dragline.Api.Model.Spiderpool;
using Dragline.Core.Net;

namespace Dragline.Api.Validation;

/// <summary>Spiderpool's SpiderReservedIP webhooks.</summary>
public sealed class SpiderReservedIPValidator : ObjectValidator<SpiderReservedIP>
{
    protected override void ApplyDefaults(SpiderReservedIP obj, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ReservedIPSpec spec = obj.Spec;
        if (spec.IPVersion is null && spec.IPs is { Count: > 0 })
        {
            spec.IPVersion = SpiderpoolIPRules.VersionOfRange(spec.IPs[0]);
        }

        spec.IPs = SpiderpoolIPRules.Merge(spec.IPVersion, spec.IPs);
    }

    protected override void Validate(SpiderReservedIP obj, SpiderReservedIP? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(problems);
        ReservedIPSpec spec = obj.Spec;
        if (oldObject is not null && oldObject.Spec.IPVersion != spec.IPVersion)
        {
            problems.Error("spec.ipVersion", "is not changeable");
        }

        if (SpiderpoolIPRules.CheckVersion(spec.IPVersion, "is not generated correctly, 'spec.ips' is empty or 'spec.ips[0]' may be invalid", context, problems)
            && SpiderpoolIPRules.FamilyOf(spec.IPVersion) is IpFamily family)
        {
            SpiderpoolIPRules.CheckRanges("spec.ips", spec.IPs, family, subnet: null, problems);
        }
    }
}

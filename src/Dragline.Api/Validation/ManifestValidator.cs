using Dragline.Api.Model;
using Dragline.Api.Serialization;

namespace Dragline.Api.Validation;

/// <summary>
/// The single entry point for judging manifests offline: reports decode errors and unknown fields, then
/// defaults (in place) and validates every object of a kind with a registered validator, in document order,
/// as if each were applied in turn: objects accepted earlier are the "existing objects" of later ones.
/// </summary>
public static class ManifestValidator
{
    // Groups whose kinds Dragline models; an unmodelled kind of these groups is probably a typo or a version we lack.
    private static readonly string[] KnownGroups = ["spiderpool.spidernet.io", "sriovnetwork.openshift.io", "k8s.cni.cncf.io"];

    /// <summary>Defaults and validates <paramref name="documents"/>; returns every problem, errors and warnings, in document order.</summary>
    /// <param name="documents">What <see cref="ManifestReader"/> returned. Typed objects are defaulted in place.</param>
    /// <param name="context">Settings and pre-existing objects (a store); a fresh one when null. Accepted objects are added to it.</param>
    /// <param name="validators">Validators to use; <see cref="ValidatorRegistry.Default"/> when null.</param>
    public static IReadOnlyList<ValidationProblem> Validate(
        IEnumerable<ManifestDocument> documents,
        ValidationContext? context = null,
        ValidatorRegistry? validators = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        context ??= new ValidationContext();
        validators ??= ValidatorRegistry.Default;
        var problems = new List<ValidationProblem>();
        foreach (ManifestDocument document in documents)
        {
            var collector = new ValidationProblemCollector(document.Object, problems);
            if (document.DecodeError is { } decode)
            {
                collector.Error(decode.Path, decode.Message);
                continue;
            }

            foreach (UnknownField field in document.UnknownFields)
            {
                collector.Error(field.Path, $"unknown field \"{field.Path}\"{UnknownFieldHint(field.Path)}");
            }

            if (!document.IsTyped)
            {
                string group = document.Object.ApiVersion.Contains('/', StringComparison.Ordinal)
                    ? document.Object.ApiVersion[..document.Object.ApiVersion.IndexOf('/', StringComparison.Ordinal)]
                    : "";
                if (KnownGroups.Contains(group))
                {
                    collector.Warning("kind", $"{document.Object.ApiVersion} {document.Object.Kind} is not a kind Dragline knows; it was not checked");
                }

                continue;
            }

            ValidateOne(document.Object, context, validators, collector);
        }

        return problems;
    }

    /// <summary>
    /// Defaults and validates one object against <paramref name="context"/>, as the webhooks would on create, or
    /// on update when the context holds an object of the same kind and name (its old version). Accepted objects are
    /// added to the context.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateObject(KubeObject obj, ValidationContext context, ValidatorRegistry? validators = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<ValidationProblem>();
        ValidateOne(obj, context, validators ?? ValidatorRegistry.Default, new ValidationProblemCollector(obj, problems));
        return problems;
    }

    /// <summary>Hints for fields that upstream documentation or older versions spell differently (spiderpool.md section 9).</summary>
    private static string UnknownFieldHint(string path)
    {
        string name = path[(path.LastIndexOf('.') + 1)..];
        bool inRoutes = path.Contains("routes[", StringComparison.Ordinal);
        return name switch
        {
            "to" or "via" when inRoutes => "; routes are written {dst, gw} (some Spiderpool docs show {to, via}, which is wrong)",
            "vlan" when path == "spec.vlan" => "; 'spec.vlan' was removed in Spiderpool v1.0",
            "enableRdma" => "; the field is 'rdmaIsolation' since Spiderpool v1.0",
            "ibKubernetesEnabled" => "; the field is 'enableIbKubernetes' ('ibKubernetesEnabled' is the CNI key)",
            _ => "",
        };
    }

    private static void ValidateOne(KubeObject obj, ValidationContext context, ValidatorRegistry validators, ValidationProblemCollector collector)
    {
        if (string.IsNullOrEmpty(obj.Metadata.Name) && string.IsNullOrEmpty(obj.Metadata.GenerateName))
        {
            collector.Error("metadata.name", "Required value: name or generateName is required");
        }

        IObjectValidator? validator = validators.Find(obj.GetType());
        if (validator is not null)
        {
            KubeObject? old = context.FindSame(obj);
            validator.ApplyDefaults(obj, context);
            validator.Validate(obj, old, context, collector);
        }

        if (!collector.HasErrors)
        {
            context.Add(obj);
        }
    }
}

namespace Dragline.Api.Validation;

/// <summary>Validators by model class. <see cref="Default"/> holds every kind's (see <see cref="ApiKinds"/>).</summary>
public sealed class ValidatorRegistry
{
    private static readonly Lazy<ValidatorRegistry> DefaultRegistry = new(() =>
    {
        var registry = new ValidatorRegistry();
        ApiKinds.RegisterAll(registry);
        return registry;
    });

    private readonly Dictionary<Type, IObjectValidator> _validators = [];

    public static ValidatorRegistry Default => DefaultRegistry.Value;

    /// <summary>Adds the validator of a model class; one per class.</summary>
    public void Add(IObjectValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (!_validators.TryAdd(validator.ObjectType, validator))
        {
            throw new InvalidOperationException($"a validator for {validator.ObjectType.Name} is already registered");
        }
    }

    /// <summary>The validator for <paramref name="type"/>, or null.</summary>
    public IObjectValidator? Find(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _validators.TryGetValue(type, out IObjectValidator? validator) ? validator : null;
    }
}

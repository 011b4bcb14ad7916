namespace Dragline.Cni;

/// <summary>
/// A CNI plugin's operations. <see cref="CniPluginMain"/> reads the environment and stdin,
/// validates them and calls one of these; anything a method throws leaves the process as the
/// spec's error JSON (a <see cref="CniException"/> with its code, anything else as 999).
/// </summary>
public interface ICniPlugin
{
    /// <summary>The plugin's name as installed, for messages ("dragline-ipam").</summary>
    string Name { get; }

    /// <summary>ADD: returns the result; the runner prints it in the configuration's cniVersion.</summary>
    Task<CniResult> AddAsync(CniRequest request, CancellationToken cancellationToken);

    /// <summary>DEL: must succeed for an attachment it does not know.</summary>
    Task DeleteAsync(CniRequest request, CancellationToken cancellationToken);

    /// <summary>CHECK (0.4.0 and later).</summary>
    Task CheckAsync(CniRequest request, CancellationToken cancellationToken);

    /// <summary>GC (1.1.0 and later): release what is not in the request's valid attachments.</summary>
    Task GarbageCollectAsync(CniRequest request, CancellationToken cancellationToken);

    /// <summary>STATUS (1.1.0 and later): return when ADD can be served, throw code 50 or 51 otherwise.</summary>
    Task StatusAsync(CniRequest request, CancellationToken cancellationToken);
}

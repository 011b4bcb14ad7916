namespace Dragline.Linux.Discovery;

/// <summary>What the running kernel is and what it has loaded.</summary>
public sealed record KernelInfo
{
    /// <summary>The release (<c>uname -r</c>), like <c>5.15.0-91-generic</c>; null when neither source could be read.</summary>
    public string? Release { get; init; }

    /// <summary>Where <see cref="Release"/> was read: <c>/proc/sys/kernel/osrelease</c> or <c>/proc/version</c>.</summary>
    public string? ReleaseSource { get; init; }

    /// <summary>Major and minor version parsed from the release; null when it does not start with digits.</summary>
    public Version? Version { get; init; }

    /// <summary>Whether <c>/proc/modules</c> exists; it does not on kernels built without loadable modules.</summary>
    public bool HasModuleList { get; init; }

    /// <summary>Module names from <c>/proc/modules</c>.</summary>
    public IReadOnlySet<string> LoadedModules { get; init; } = new HashSet<string>();

    /// <summary>Module names under <c>/sys/module</c>: loaded modules and built-in ones that have parameters.</summary>
    public IReadOnlySet<string> SysfsModules { get; init; } = new HashSet<string>();

    /// <summary>The build configuration, when the kernel exposes it (<c>/proc/config.gz</c>) or <c>/boot/config-RELEASE</c> exists.</summary>
    public KernelConfig? Config { get; init; }

    /// <summary>MLNX_OFED / DOCA-OFED, when its modules are loaded.</summary>
    public OfedInfo? Ofed { get; init; }

    /// <summary>The kernel command line (<c>/proc/cmdline</c>).</summary>
    public string? CommandLine { get; init; }

    /// <summary>Whether a module is loaded or built in: listed in <c>/proc/modules</c> or present under <c>/sys/module</c>.</summary>
    public bool HasModule(string name) => LoadedModules.Contains(name) || SysfsModules.Contains(name);
}

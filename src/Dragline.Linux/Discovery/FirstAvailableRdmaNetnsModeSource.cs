namespace Dragline.Linux.Discovery;

/// <summary>Asks several sources in order (netlink first, then sysfs) and answers with the first that can tell.</summary>
public sealed class FirstAvailableRdmaNetnsModeSource : IRdmaNetnsModeSource
{
    private readonly IReadOnlyList<IRdmaNetnsModeSource> _sources;

    public FirstAvailableRdmaNetnsModeSource(params IRdmaNetnsModeSource[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources;
    }

    public RdmaNetnsModeReading? TryRead()
    {
        foreach (IRdmaNetnsModeSource source in _sources)
        {
            if (source.TryRead() is { } reading)
            {
                return reading;
            }
        }

        return null;
    }
}

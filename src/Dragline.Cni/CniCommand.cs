namespace Dragline.Cni;

/// <summary>The operation named by <c>CNI_COMMAND</c>.</summary>
public enum CniCommand
{
    Add,
    Del,
    Check,
    Version,
    Gc,
    Status,
}

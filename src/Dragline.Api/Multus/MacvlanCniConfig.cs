namespace Dragline.Api.Multus;

/// <summary><c>spec.macvlan</c>: macvlan children of a master (shared-mode RoCE).</summary>
public sealed class MacvlanCniConfig : MasterInterfaceCniConfig;

namespace Dragline.Api.Multus;

/// <summary><c>spec.ipvlan</c>: ipvlan children of a master (shared-mode RoCE).</summary>
public sealed class IpvlanCniConfig : MasterInterfaceCniConfig;

namespace Dragline.Core.Net;

/// <summary>The IP version of an address, CIDR, range or range set. The numeric values match Spiderpool's <c>ipVersion</c>.</summary>
public enum IpFamily
{
    /// <summary>IPv4: 32-bit addresses.</summary>
    V4 = 4,

    /// <summary>IPv6: 128-bit addresses.</summary>
    V6 = 6,
}

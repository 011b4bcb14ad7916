using Dragline.Api.Model;

namespace Dragline.Api.Printing;

/// <summary>One kubectl column: its header (upper-case, as kubectl prints it), whether only <c>-o wide</c> shows it, and how to get the cell.</summary>
/// <param name="Header">Column header, e.g. <c>TOTAL-IP-COUNT</c>.</param>
/// <param name="WideOnly">True for priority &gt; 0 columns, shown only with <c>-o wide</c>.</param>
/// <param name="Value">The cell text for an object, given the current time (for AGE).</param>
public sealed record PrinterColumn(string Header, bool WideOnly, Func<KubeObject, DateTimeOffset, string> Value);

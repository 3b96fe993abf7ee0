using Torchbook.Formatting;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Members every cell can use without qualification, as in .NET Interactive's C# kernel.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Shows a value below the cell (display_data); update it later through the handle.</summary>
    /// <param name="value">What to show.</param>
    /// <param name="mimeType">Show only this MIME type, e.g. "text/html"; null for every format the value has.</param>
    public DisplayHandle display(object? value, string? mimeType = null) => Display.Show(value, mimeType);

    /// <summary>Marks text as HTML (or inline SVG) to display, as .NET Interactive's <c>HTML(...)</c>.</summary>
    public HtmlString HTML(string html) => new(html);

    /// <summary>The running cell's cancellation token (interrupt, timeout, Ctrl+C), for code that waits.</summary>
    public CancellationToken CellCancellationToken => CellContext.Current?.Cancellation ?? CancellationToken.None;
}

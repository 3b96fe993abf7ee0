namespace Torchbook.Plots;

/// <summary>How a node of a <see cref="GraphChart"/> is drawn.</summary>
public enum NodeStyle
{
    /// <summary>A grey box: an operation, an intermediate step.</summary>
    Plain,

    /// <summary>A blue box: an input, a parameter, a leaf of a computation.</summary>
    Input,

    /// <summary>A green box: the result the graph leads to (or from).</summary>
    Output,

    /// <summary>A white dashed box with grey text: something shown for context.</summary>
    Muted,
}

/// <summary>
/// A node of a drawn graph. <paramref name="Label"/> may hold several lines separated by '\n': the
/// first is drawn in bold, the others (a shape, a note) below it in a smaller font.
/// </summary>
/// <param name="Id">Unique within the graph; edges refer to it.</param>
/// <param name="Label">The text in the box.</param>
/// <param name="Style">Colours of the box.</param>
public sealed record GraphNode(string Id, string Label, NodeStyle Style = NodeStyle.Plain);

/// <summary>An arrow from one node to another, optionally labelled (e.g. "×2").</summary>
/// <param name="From">Id of the node the arrow starts at.</param>
/// <param name="To">Id of the node the arrow points to.</param>
/// <param name="Label">Small text drawn along the arrow, or null.</param>
public sealed record GraphEdge(string From, string To, string? Label = null);

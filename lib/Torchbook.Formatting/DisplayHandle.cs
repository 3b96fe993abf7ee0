namespace Torchbook.Formatting;

/// <summary>
/// A display shown in a notebook cell. <see cref="Update"/> replaces its content in place (Jupyter's
/// <c>update_display_data</c> with this <see cref="DisplayId"/>): progress bars, live training curves.
/// </summary>
public sealed class DisplayHandle
{
    private readonly bool _hosted;
    private readonly string? _mimeType;
    private readonly object? _interactive;

    internal DisplayHandle(string displayId, bool hosted, string? mimeType, object? interactiveDisplay = null)
    {
        DisplayId = displayId;
        _hosted = hosted;
        _mimeType = mimeType;
        _interactive = interactiveDisplay;
    }

    /// <summary>The Jupyter display_id of this display.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces what this display shows with <paramref name="value"/>.</summary>
    public void Update(object? value)
    {
        if (_hosted && Display.TryHostUpdate(DisplayId, value, _mimeType))
        {
            return;
        }
        if (_interactive is not null && DotNetInteractiveDisplay.TryUpdate(_interactive, value))
        {
            return;
        }
        // No host (a console program, a test): the update is printed as a new line of text.
        Display.WriteToConsole(value);
    }

    public override string ToString() => $"display {DisplayId}";
}

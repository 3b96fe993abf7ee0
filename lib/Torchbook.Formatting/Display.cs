namespace Torchbook.Formatting;

/// <summary>
/// Shows values in the running notebook from any code: a notebook cell, or a library a notebook
/// loaded with <c>#r</c> (a training loop updating its chart). Reaches the host through
/// <see cref="DisplayHostContract"/>, or .NET Interactive's own display in its kernel
/// (<see cref="DotNetInteractiveDisplay"/>); with neither, writes the value's text to the console.
/// </summary>
public static class Display
{
    /// <summary>Shows <paramref name="value"/> and returns a handle to update it in place.</summary>
    /// <param name="value">What to show; the host formats it (TypeFormatterSource convention).</param>
    /// <param name="mimeType">Show only this MIME type (for example <c>text/html</c>); null for all the host can make.</param>
    public static DisplayHandle Show(object? value, string? mimeType = null)
    {
        if (AppContext.GetData(DisplayHostContract.ShowKey) is Func<object?, string?, string?> show
            && show(value, mimeType) is { } displayId)
        {
            return new DisplayHandle(displayId, hosted: true, mimeType);
        }
        if (DotNetInteractiveDisplay.TryShow(value, mimeType) is { } displayed)
        {
            return new DisplayHandle(Guid.NewGuid().ToString("N"), hosted: false, mimeType, displayed);
        }

        WriteToConsole(value);
        return new DisplayHandle(Guid.NewGuid().ToString("N"), hosted: false, mimeType);
    }

    /// <summary>Whether values can be shown in a notebook: a Torchbook host has registered itself in this process, or a .NET Interactive cell is running.</summary>
    public static bool IsHosted => AppContext.GetData(DisplayHostContract.ShowKey) is Func<object?, string?, string?> || DotNetInteractiveDisplay.TryShowPossible();

    internal static bool TryHostUpdate(string displayId, object? value, string? mimeType) =>
        AppContext.GetData(DisplayHostContract.UpdateKey) is Func<string, object?, string?, bool> update
        && update(displayId, value, mimeType);

    internal static void WriteToConsole(object? value) => Console.Out.WriteLine(value?.ToString() ?? "<null>");
}

/// <summary><c>value.Display()</c>, as in .NET Interactive.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows this value in the running notebook; returns a handle to update it.</summary>
    public static DisplayHandle Display(this object? value, string? mimeType = null) =>
        Formatting.Display.Show(value, mimeType);
}

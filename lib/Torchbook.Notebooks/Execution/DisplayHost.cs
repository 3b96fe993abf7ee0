using Torchbook.Formatting;
using Torchbook.Notebooks.Formatters;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// The host side of <see cref="DisplayHostContract"/>: registers BCL-typed delegates in
/// <see cref="AppContext"/> that send displays and updates to the cell running on the caller's
/// logical thread.
/// </summary>
internal static class DisplayHost
{
    private static readonly object Gate = new();
    private static bool s_registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (s_registered) return;
            AppContext.SetData(DisplayHostContract.ShowKey, new Func<object?, string?, string?>(Show));
            AppContext.SetData(DisplayHostContract.UpdateKey, new Func<string, object?, string?, bool>(Update));
            s_registered = true;
        }
    }

    private static string? Show(object? value, string? mimeType)
    {
        if (CellContext.Current is not { } cell) return null;
        var displayId = Guid.NewGuid().ToString("N");
        cell.Sink.OnDisplay(new DisplayDataOutput(ValueFormatter.Format(value, mimeType)) { DisplayId = displayId });
        return displayId;
    }

    private static bool Update(string displayId, object? value, string? mimeType)
    {
        if (CellContext.Current is not { } cell) return false;
        cell.Sink.OnUpdateDisplay(displayId, ValueFormatter.Format(value, mimeType));
        return true;
    }
}

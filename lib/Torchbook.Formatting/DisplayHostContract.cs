namespace Torchbook.Formatting;

/// <summary>
/// How library code reaches whichever notebook host is running it, without sharing a single type
/// with that host. The host stores two delegates made only of BCL types in <see cref="AppContext"/>
/// under these keys; <see cref="Display"/> reads them back. Because nothing but <c>System</c> types
/// crosses the boundary, it keeps working when this assembly is loaded more than once (a library
/// referenced by <c>#r</c> from another folder, another AssemblyLoadContext, another build).
/// </summary>
public static class DisplayHostContract
{
    /// <summary>
    /// <c>Func&lt;object?, string?, string?&gt;</c>: (value, preferred MIME type or null) → the new
    /// display's id, or null when no cell is running on this call's logical thread.
    /// </summary>
    public const string ShowKey = "Torchbook.Formatting.DisplayHost.Show";

    /// <summary>
    /// <c>Func&lt;string, object?, string?, bool&gt;</c>: (display id, new value, preferred MIME type or
    /// null) → whether a host took the update.
    /// </summary>
    public const string UpdateKey = "Torchbook.Formatting.DisplayHost.Update";
}

using System.Reflection;

namespace Torchbook.Formatting;

/// <summary>
/// .NET Interactive's own <c>display(value)</c> and <c>DisplayedValue.Update(value)</c>, for when a
/// notebook runs in the real .NET Interactive kernel (VS Code's Polyglot Notebooks, Jupyter's
/// <c>.net-csharp</c>), where no Torchbook host is registered. Found by reflection, so that this
/// assembly keeps no dependencies; it does nothing outside .NET Interactive.
/// </summary>
internal static class DotNetInteractiveDisplay
{
    // Looked up once: in .NET Interactive its assembly is loaded before the first cell runs.
    private static readonly Lazy<Type?> KernelType = new(FindKernel);
    private static readonly Lazy<MethodInfo?> DisplayMethod = new(FindDisplay);
    private static readonly Lazy<PropertyInfo?> CurrentContext = new(() =>
        KernelType.Value?.Assembly.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext")
            ?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static));

    /// <summary>Shows <paramref name="value"/> with .NET Interactive; its DisplayedValue, or null when not in a cell of that kernel.</summary>
    public static object? TryShow(object? value, string? mimeType)
    {
        if (DisplayMethod.Value is not { } display || !InCell()) return null;
        try
        {
            return display.Invoke(null, [value, mimeType is null ? Array.Empty<string>() : new[] { mimeType }]);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    /// <summary>Whether a .NET Interactive cell is running, so that <see cref="TryShow"/> would show.</summary>
    public static bool TryShowPossible() => DisplayMethod.Value is not null && InCell();

    /// <summary>Replaces what <paramref name="displayed"/> (a DisplayedValue) shows.</summary>
    public static bool TryUpdate(object displayed, object? value)
    {
        if (displayed.GetType().GetMethod("Update", [typeof(object)]) is not { } update) return false;
        try
        {
            update.Invoke(displayed, [value]);
            return true;
        }
        catch (TargetInvocationException)
        {
            return false;
        }
    }

    private static bool InCell() => CurrentContext.Value?.GetValue(null) is not null;

    private static Type? FindKernel() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive")
            ?.GetType("Microsoft.DotNet.Interactive.Kernel");

    private static MethodInfo? FindDisplay() =>
        KernelType.Value?.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m =>
            m.Name == "display" && m.GetParameters() is [{ ParameterType: var v }, { ParameterType: var t }]
            && v == typeof(object) && t == typeof(string[]));
}

namespace Torchbook.Notebooks.Execution;

/// <summary>Settings of a <see cref="NotebookSession"/>.</summary>
public sealed record NotebookSessionOptions
{
    /// <summary>The notebook's folder: the working directory while cells run, and the base of relative <c>#r</c> and <c>#load</c>.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Namespaces imported in every cell besides the C# kernel's own defaults (System, System.Linq, ...).</summary>
    public IReadOnlyList<string> Imports { get; init; } = DefaultImports;

    /// <summary>After a cancellation, how long to wait for the cell to reach a check and stop before returning anyway.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary><c>Torchbook.Formatting</c>, for <c>Display.Show</c>; the kernel imports .NET Interactive's C# defaults itself.</summary>
    public static readonly IReadOnlyList<string> DefaultImports = ["Torchbook.Formatting"];
}

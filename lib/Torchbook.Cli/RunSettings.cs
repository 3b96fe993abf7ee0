namespace Torchbook.Cli;

/// <summary>The options of `torchbook run` that a child needs, and the parent's limits.</summary>
internal sealed record RunSettings
{
    public IReadOnlyList<string> Parameters { get; init; } = [];
    public bool Quick { get; init; }
    public bool AllowErrors { get; init; }
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>After asking a cell to stop, how long before its process is killed.</summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    public bool Verbose { get; init; }

    public IEnumerable<string> ChildArguments()
    {
        foreach (var p in Parameters)
        {
            yield return "-p";
            yield return p;
        }
        if (Quick) yield return "--quick";
        if (AllowErrors) yield return "--allow-errors";
    }
}

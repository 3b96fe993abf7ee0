using System.Text.Json.Nodes;
using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Running;

/// <summary>Options of one notebook run.</summary>
public sealed record NotebookRunOptions
{
    /// <summary><c>-p name=value</c> overrides (text; typed from the parameters cell).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Quick mode: <c>TORCHBOOK_QUICK=1</c> in this process while the notebook runs. A chapter's
    /// parameters cell reads it (<c>bool quick = QuickMode.IsOn;</c>), so the same switch works in
    /// every host. Quick mode is a process setting: run one notebook at a time per process.
    /// </summary>
    public bool Quick { get; init; }

    /// <summary>The environment variable quick mode sets (Torchbook.QuickMode reads it).</summary>
    public const string QuickEnvironmentVariable = "TORCHBOOK_QUICK";

    /// <summary>Keep running the next cells after a cell fails, and count the notebook as succeeded.</summary>
    public bool AllowErrors { get; init; }
}

/// <summary>How a notebook run ended.</summary>
public enum NotebookRunStatus { Succeeded, Failed, TimedOut, Interrupted }

/// <summary>The outcome of one notebook run.</summary>
public sealed record NotebookRunResult(NotebookRunStatus Status, int CellsRun, int CodeCells, string? Message);

/// <summary>Hears about cells starting and finishing (the runner's child reports them to its parent).</summary>
public interface INotebookRunObserver
{
    /// <summary>Cell <paramref name="index"/> (0-based, in the executed notebook) starts; it is code cell <paramref name="number"/> of <paramref name="codeCells"/>.</summary>
    void CellStarted(int index, int number, int codeCells);

    void CellFinished(int index, CellResult result);
}

/// <summary>
/// Runs one notebook headlessly: applies parameters, runs its code cells in order in one
/// <see cref="NotebookSession"/>, and writes the executed copy after every cell (atomically), so a run
/// that is killed still leaves what ran. The source notebook is never written.
/// </summary>
public sealed class NotebookExecutor
{
    private readonly object _gate = new();
    private CancellationTokenSource? _currentCell;
    private (string EName, string Message)? _stop;

    /// <summary>
    /// Stops the run: the running cell is cancelled and gets an error output with
    /// <paramref name="ename"/> and <paramref name="message"/>; no further cells run.
    /// </summary>
    public void RequestStop(string ename, string message)
    {
        lock (_gate)
        {
            _stop ??= (ename, message);
            _currentCell?.Cancel();
        }
    }

    public async Task<NotebookRunResult> RunAsync(string sourcePath, string outputPath, NotebookRunOptions options, INotebookRunObserver? observer = null)
    {
        var source = Path.GetFullPath(sourcePath);
        var output = Path.GetFullPath(outputPath);
        if (string.Equals(source, output, StringComparison.Ordinal))
            throw new ArgumentException($"The executed copy would overwrite the source notebook {source}; choose another output folder.");

        var notebook = NotebookJson.Load(source);
        foreach (var cell in notebook.Cells.Where(c => c.CellType == CellType.Code)) cell.ClearOutputs();

        var overrides = new Dictionary<string, string>(options.Parameters, StringComparer.Ordinal);
        // -p given to a whole folder skips notebooks without a parameters cell (with a warning).
        ParameterInjector.Inject(notebook, overrides, ignoreWithoutParametersCell: true, out var warning);
        RecordRun(notebook, options, overrides);
        NotebookJson.Save(notebook, output);

        var quickBefore = Environment.GetEnvironmentVariable(NotebookRunOptions.QuickEnvironmentVariable);
        if (options.Quick) Environment.SetEnvironmentVariable(NotebookRunOptions.QuickEnvironmentVariable, "1");
        try
        {
            return await RunCellsAsync(notebook, source, output, options, observer, warning);
        }
        finally
        {
            if (options.Quick) Environment.SetEnvironmentVariable(NotebookRunOptions.QuickEnvironmentVariable, quickBefore);
        }
    }

    private async Task<NotebookRunResult> RunCellsAsync(Notebook notebook, string source, string output, NotebookRunOptions options, INotebookRunObserver? observer, string? warning)
    {
        var codeCells = notebook.Cells.Count(c => c.CellType == CellType.Code);
        var sink = new NotebookDisplaySink();
        using var session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = Path.GetDirectoryName(source)! });
        var number = 0;
        var failures = new List<string>();
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            if (cell.CellType != CellType.Code) continue;
            number++;
            lock (_gate)
            {
                if (_stop is not null) break;
                _currentCell = new CancellationTokenSource();
            }
            observer?.CellStarted(index, number, codeCells);
            var label = $"cell {index + 1}";
            var result = await session.ExecuteAsync(cell.Source, sink, new CellOptions { Label = label }, _currentCell.Token);
            lock (_gate)
            {
                _currentCell.Dispose();
                _currentCell = null;
            }

            cell.ExecutionCount = result.ExecutionCount;
            cell.Outputs.Clear();
            cell.Outputs.AddRange(result.Outputs);
            if (result.Status == CellStatus.Cancelled && _stop is { } stop)
            {
                // Say why the cell was stopped (timeout, Ctrl+C) instead of a bare interruption.
                cell.Outputs.RemoveAll(o => o is ErrorOutput { EName: "CellInterrupted" });
                cell.Outputs.Add(new ErrorOutput(stop.EName, $"{label}: {stop.Message}", [$"{stop.EName}: {label}: {stop.Message}"]));
            }
            NotebookJson.Save(notebook, output);
            observer?.CellFinished(index, result);

            if (result.Status == CellStatus.Cancelled)
            {
                var reason = _stop ?? ("CellInterrupted", "interrupted");
                return new NotebookRunResult(reason.EName == "CellTimeout" ? NotebookRunStatus.TimedOut : NotebookRunStatus.Interrupted,
                    number, codeCells, $"{label}: {reason.Message}");
            }
            if (result.Status == CellStatus.Error)
            {
                var message = $"{label}: {result.Error?.EName}: {result.Error?.EValue}";
                if (!options.AllowErrors) return new NotebookRunResult(NotebookRunStatus.Failed, number, codeCells, message);
                failures.Add(message);
            }
        }
        if (_stop is { } stopped)
        {
            // Asked to stop while a cell was finishing: it completed, the rest did not run.
            return new NotebookRunResult(stopped.EName == "CellTimeout" ? NotebookRunStatus.TimedOut : NotebookRunStatus.Interrupted,
                number, codeCells, $"code cell {number}: {stopped.Message} (it then completed; later cells were not run)");
        }
        return new NotebookRunResult(NotebookRunStatus.Succeeded, number, codeCells,
            failures.Count > 0 ? $"{failures.Count} cell(s) failed (allowed): {failures[0]}" : warning);
    }

    private static void RecordRun(Notebook notebook, NotebookRunOptions options, IReadOnlyDictionary<string, string> overrides)
    {
        if (notebook.Metadata[ParameterInjector.MetadataSection] is not JsonObject section)
        {
            section = new JsonObject();
            notebook.Metadata[ParameterInjector.MetadataSection] = section;
        }
        var parameters = new JsonObject();
        foreach (var (k, v) in overrides) parameters[k] = v;
        section["run"] = new JsonObject
        {
            ["quick"] = options.Quick,
            ["parameters"] = parameters,
        };
    }

    /// <summary>Applies display updates to displays of earlier cells, which the file keeps.</summary>
    private sealed class NotebookDisplaySink : IOutputSink
    {
        private readonly Dictionary<string, DisplayDataOutput> _displays = new(StringComparer.Ordinal);

        public void OnStream(string name, string text) { }

        public void OnDisplay(DisplayDataOutput display)
        {
            lock (_displays)
            {
                if (display.DisplayId is { } id) _displays[id] = display;
            }
        }

        public void OnUpdateDisplay(string displayId, MimeBundle data)
        {
            lock (_displays)
            {
                if (_displays.TryGetValue(displayId, out var display)) display.Data = data;
            }
        }

        public void OnResult(ExecuteResultOutput result) { }

        public void OnError(ErrorOutput error) { }
    }
}

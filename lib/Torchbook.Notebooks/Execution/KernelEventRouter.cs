using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Torchbook.Formatting;
using MimeTypes = Torchbook.Formatting.MimeTypes;
using Torchbook.Notebooks.Formatters;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>The cell a <see cref="KernelEventRouter"/> is collecting for.</summary>
internal sealed record CellRun(int ExecutionCount, OutputCollector Outputs);

/// <summary>What the kernel reported for one cell besides its outputs.</summary>
internal sealed record KernelCellOutcome(CommandFailed? Error, IReadOnlyList<Diagnostic> Diagnostics, object? ReturnValue);

/// <summary>
/// Turns the kernel's events into the running cell's nbformat outputs: console writes into
/// <c>stream</c>s, displays and their updates into <c>display_data</c>, the trailing value into
/// <c>execute_result</c>; failures and compiler diagnostics are kept for the session to report.
/// Values are formatted by <see cref="ValueFormatter"/> (the TypeFormatterSource convention that
/// .NET Interactive also follows), and MIME types that only the kernel's own formatters produce
/// (a library's registered formatter) are added to that bundle.
/// </summary>
internal sealed class KernelEventRouter : IObserver<KernelEvent>
{
    private readonly object _gate = new();
    private CellRun? _cell;
    private CellRun? _last;
    private CommandFailed? _failure;
    private List<Diagnostic> _diagnostics = [];
    private object? _returnValue;

    /// <summary>
    /// .NET Interactive's DisplayedValue sends its updates under an id of its own, made at its first
    /// update, not the id of the display it made. Such an id is bound, when first seen, to the latest
    /// display (of any cell) not yet updated; ids already bound keep their display.
    /// </summary>
    private readonly Dictionary<string, string> _updateIds = new(StringComparer.Ordinal);
    private readonly List<string> _displaysNotYetUpdated = [];

    public void Begin(CellRun cell)
    {
        lock (_gate)
        {
            _cell = cell;
            _last = cell;
            _failure = null;
            _diagnostics = [];
            _returnValue = null;
        }
    }

    public KernelCellOutcome End()
    {
        lock (_gate)
        {
            _cell = null;
            return new KernelCellOutcome(_failure, _diagnostics, _returnValue);
        }
    }

    public void OnNext(KernelEvent e)
    {
        CellRun? cell;
        lock (_gate) cell = _cell ?? _last;
        if (cell is null) return; // the session's own prologue
        switch (e)
        {
            case StandardOutputValueProduced output:
                cell.Outputs.OnStream(StreamOutput.StdOut, Text(output));
                break;
            case StandardErrorValueProduced error:
                cell.Outputs.OnStream(StreamOutput.StdErr, Text(error));
                break;
            case DisplayedValueProduced display:
                var id = string.IsNullOrEmpty(display.ValueId) ? Guid.NewGuid().ToString("N") : display.ValueId;
                lock (_gate)
                {
                    _displaysNotYetUpdated.Add(id);
                    if (_displaysNotYetUpdated.Count > 1000) _displaysNotYetUpdated.RemoveAt(0);
                }
                cell.Outputs.OnDisplay(new DisplayDataOutput(Format(display)) { DisplayId = id });
                break;
            case DisplayedValueUpdated update when DisplayIdOf(update.ValueId) is { } target:
                cell.Outputs.OnUpdateDisplay(target, Format(update));
                break;
            case ReturnValueProduced result when result.Value is not (DisplayedValue or DisplayHandle):
                lock (_gate) _returnValue = result.Value;
                cell.Outputs.OnResult(new ExecuteResultOutput(cell.ExecutionCount, Format(result)));
                break;
            case DiagnosticsProduced diagnostics:
                lock (_gate) _diagnostics.AddRange(diagnostics.Diagnostics);
                break;
            case CommandFailed failed:
                lock (_gate) _failure ??= failed;
                break;
        }
    }

    private string? DisplayIdOf(string valueId)
    {
        lock (_gate)
        {
            if (_updateIds.TryGetValue(valueId, out var known)) return known;
            if (_updateIds.Count > 1000) _updateIds.Clear(); // handles of long-gone displays
            var index = _displaysNotYetUpdated.IndexOf(valueId);
            if (index >= 0)
            {
                _displaysNotYetUpdated.RemoveAt(index);
                return _updateIds[valueId] = valueId;
            }
            if (_displaysNotYetUpdated.Count == 0) return null;
            // A first update under a new id: it belongs to the latest display not updated yet.
            var target = _displaysNotYetUpdated[^1];
            _displaysNotYetUpdated.RemoveAt(_displaysNotYetUpdated.Count - 1);
            return _updateIds[valueId] = target;
        }
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == MimeTypes.PlainText)?.Value
        ?? e.FormattedValues.FirstOrDefault()?.Value
        ?? "";

    private static MimeBundle Format(DisplayEvent e)
    {
        MimeBundle bundle;
        try
        {
            bundle = ValueFormatter.Format(e.Value);
        }
        catch (Exception error)
        {
            bundle = new MimeBundle { [MimeTypes.PlainText] = $"<could not format {e.Value?.GetType().Name}: {error.Message}>" };
        }
        foreach (var formatted in e.FormattedValues)
        {
            if (formatted.MimeType is MimeTypes.PlainText or MimeTypes.Html || bundle.ContainsKey(formatted.MimeType)) continue;
            bundle[formatted.MimeType] = formatted.Value;
        }
        return bundle;
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }
}

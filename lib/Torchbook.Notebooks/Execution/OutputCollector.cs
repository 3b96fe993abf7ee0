using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Forwards a cell's outputs to the caller's sink and keeps them as nbformat outputs: consecutive
/// writes to one stream merged, display updates applied to the display they name. A sink that
/// throws does not break the cell: the output is still kept, and the failure is reported once on
/// the process's stderr.
/// </summary>
internal sealed class OutputCollector(IOutputSink inner) : IOutputSink
{
    private readonly object _gate = new();
    private readonly List<NotebookOutput> _outputs = [];
    private readonly Dictionary<string, DisplayDataOutput> _displays = new(StringComparer.Ordinal);

    public IReadOnlyList<NotebookOutput> Snapshot()
    {
        lock (_gate) return _outputs.ToList();
    }

    public void OnStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name) last.Text += text;
            else _outputs.Add(new StreamOutput(name, text));
        }
        Forward(() => inner.OnStream(name, text));
    }

    public void OnDisplay(DisplayDataOutput display)
    {
        lock (_gate)
        {
            _outputs.Add(display);
            if (display.DisplayId is { } id) _displays[id] = display;
        }
        Forward(() => inner.OnDisplay(display));
    }

    public void OnUpdateDisplay(string displayId, MimeBundle data)
    {
        lock (_gate)
        {
            if (_displays.TryGetValue(displayId, out var display)) display.Data = data;
        }
        Forward(() => inner.OnUpdateDisplay(displayId, data));
    }

    public void OnResult(ExecuteResultOutput result)
    {
        lock (_gate) _outputs.Add(result);
        Forward(() => inner.OnResult(result));
    }

    public void OnError(ErrorOutput error)
    {
        lock (_gate) _outputs.Add(error);
        Forward(() => inner.OnError(error));
    }

    private int _sinkFailed;

    /// <summary>The process's own stderr (the kernel captures <see cref="Console.Error"/> while cells run).</summary>
    private static readonly Lazy<TextWriter> ProcessError = new(() => new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });

    private void Forward(Action send)
    {
        try
        {
            send();
        }
        catch (Exception e)
        {
            if (Interlocked.Exchange(ref _sinkFailed, 1) == 0)
            {
                ProcessError.Value.Write($"torchbook: an output sink failed ({e.GetType().Name}: {e.Message}); outputs are still recorded.\n");
            }
        }
    }
}

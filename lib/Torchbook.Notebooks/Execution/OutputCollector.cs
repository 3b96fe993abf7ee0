using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Forwards a cell's outputs to the caller's sink and keeps them as nbformat outputs: consecutive
/// writes to one stream merged, display updates applied to the display they name.
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
        inner.OnStream(name, text);
    }

    public void OnDisplay(DisplayDataOutput display)
    {
        lock (_gate)
        {
            _outputs.Add(display);
            if (display.DisplayId is { } id) _displays[id] = display;
        }
        inner.OnDisplay(display);
    }

    public void OnUpdateDisplay(string displayId, MimeBundle data)
    {
        lock (_gate)
        {
            if (_displays.TryGetValue(displayId, out var display)) display.Data = data;
        }
        inner.OnUpdateDisplay(displayId, data);
    }

    public void OnResult(ExecuteResultOutput result)
    {
        lock (_gate) _outputs.Add(result);
        inner.OnResult(result);
    }

    public void OnError(ErrorOutput error)
    {
        lock (_gate) _outputs.Add(error);
        inner.OnError(error);
    }
}

using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Tests;

/// <summary>Records sink events in order, as strings, for assertions.</summary>
internal sealed class RecordingSink : IOutputSink
{
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    private void Add(string e)
    {
        lock (_events) _events.Add(e);
    }

    public void OnStream(string name, string text) => Add($"{name}:{text}");

    public void OnDisplay(DisplayDataOutput display) => Add($"display:{display.DisplayId}:{display.Data.PlainText}");

    public void OnUpdateDisplay(string displayId, MimeBundle data) => Add($"update:{displayId}:{data.PlainText}");

    public void OnResult(ExecuteResultOutput result) => Add($"result:{result.ExecutionCount}:{result.Data.PlainText}");

    public void OnError(ErrorOutput error) => Add($"error:{error.EName}:{error.EValue}");
}

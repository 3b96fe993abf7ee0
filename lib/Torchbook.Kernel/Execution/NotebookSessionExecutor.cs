using System.Text.Json;
using System.Text.Json.Nodes;
using Torchbook.Kernel.Language;
using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;

namespace Torchbook.Kernel.Execution;

/// <summary>
/// Runs the kernel's cells in a Torchbook <see cref="NotebookSession"/>: the same
/// Microsoft.DotNet.Interactive C# kernel, formatting and outputs as <c>torchbook run</c>.
/// Completions and inspection come from that kernel's language services.
/// </summary>
public sealed class NotebookSessionExecutor : ICellExecutor, IDisposable
{
    private readonly NotebookSession _session;

    public NotebookSessionExecutor(string workingDirectory)
    {
        _session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = workingDirectory });
        // The C# kernel's first compilation JITs most of the compiler (over a second). Do it while the
        // front end is still connecting, so the first cell does not pay it.
        _ = Task.Run(WarmUp);
    }

    private async Task WarmUp()
    {
        try
        {
            await _session.GetCompletionsAsync("Console.Wri", "Console.Wri".Length);
        }
        catch (Exception e)
        {
            KernelLog.Debug($"warm-up failed (harmless): {e.Message}");
        }
    }

    public CompletionResult Complete(string code, int cursor) =>
        _session.GetCompletionsAsync(code, cursor).GetAwaiter().GetResult();

    /// <summary>
    /// The kernel's hover for the symbol at the cursor, or just before it (Jupyter sends the cursor at
    /// the end of what was typed); on the "(" of a call, the method being called.
    /// </summary>
    public Inspection? Inspect(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var before = cursor - 1;
        while (before >= 0 && char.IsWhiteSpace(code[before])) before--;
        var positions = before >= 0 && code[before] == '(' ? [before - 1] : new[] { cursor, cursor - 1 };
        foreach (var position in positions.Where(p => p >= 0 && p <= code.Length))
        {
            if (_session.GetHoverAsync(code, position).GetAwaiter().GetResult() is { } hover)
                return new Inspection(hover.Signature, hover.Documentation);
        }
        return null;
    }

    public CellOutcome Execute(string code, int executionCount, ICellOutputs outputs, CancellationToken cancellation)
    {
        var sink = new KernelSink(outputs);
        var result = _session.ExecuteAsync(code, sink, new CellOptions { Label = $"cell [{executionCount}]" }, cancellation)
            .GetAwaiter().GetResult();
        if (result.Error is { } error)
            return CellOutcome.Failed(error.EName, error.EValue, error.Traceback);
        var value = result.Outputs.OfType<ExecuteResultOutput>().LastOrDefault();
        return value is null
            ? CellOutcome.Ok()
            : new CellOutcome { ResultData = ToJson(value.Data), ResultMetadata = (JsonObject)value.Metadata.DeepClone() };
    }

    /// <summary>A mime bundle as Jupyter sends it: JSON mime types as JSON (when they parse), the rest as strings.</summary>
    internal static JsonObject ToJson(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle)
            data[mime] = MimeBundle.IsJsonMimeType(mime) && ParseOrNull(value) is { } json ? json : JsonValue.Create(value);
        return data;
    }

    private static JsonNode? ParseOrNull(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    public void Dispose() => _session.Dispose();

    /// <summary>Forwards the engine's live outputs; results and errors are reported from the cell's outcome.</summary>
    private sealed class KernelSink(ICellOutputs outputs) : IOutputSink
    {
        public void OnStream(string name, string text) => outputs.Stream(name, text);

        public void OnDisplay(DisplayDataOutput display) =>
            outputs.Display(ToJson(display.Data), (JsonObject)display.Metadata.DeepClone(), display.DisplayId, update: false);

        public void OnUpdateDisplay(string displayId, MimeBundle data) =>
            outputs.Display(ToJson(data), new JsonObject(), displayId, update: true);

        public void OnResult(ExecuteResultOutput result) { }

        public void OnError(ErrorOutput error) { }
    }
}

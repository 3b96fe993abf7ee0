using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Receives a cell's outputs as they happen, in order. Calls may come from any thread (a cell's
/// background work) and may continue briefly after the cell ended; implementations must be
/// thread-safe. A Jupyter kernel maps them to iopub messages; the runner to the notebook file.
/// </summary>
public interface IOutputSink
{
    /// <summary>Text written to <c>Console.Out</c> (<c>stdout</c>) or <c>Console.Error</c> (<c>stderr</c>).</summary>
    void OnStream(string name, string text);

    /// <summary>A new display (<c>display(x)</c>, <c>x.Display()</c>, <c>Display.Show(x)</c>); <see cref="DisplayDataOutput.DisplayId"/> is set.</summary>
    void OnDisplay(DisplayDataOutput display);

    /// <summary>An update of an earlier display with the same id (Jupyter's <c>update_display_data</c>).</summary>
    void OnUpdateDisplay(string displayId, MimeBundle data);

    /// <summary>The value of the cell's trailing expression (<c>execute_result</c>).</summary>
    void OnResult(ExecuteResultOutput result);

    /// <summary>A compilation error, an exception, or an interruption (<c>error</c>).</summary>
    void OnError(ErrorOutput error);
}

/// <summary>A sink that ignores everything; use <see cref="CellResult.Outputs"/> afterwards.</summary>
public sealed class NullOutputSink : IOutputSink
{
    public static readonly NullOutputSink Instance = new();

    public void OnStream(string name, string text) { }

    public void OnDisplay(DisplayDataOutput display) { }

    public void OnUpdateDisplay(string displayId, MimeBundle data) { }

    public void OnResult(ExecuteResultOutput result) { }

    public void OnError(ErrorOutput error) { }
}

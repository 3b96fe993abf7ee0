using System.Text.Json.Nodes;

namespace Torchbook.Notebooks.Model;

/// <summary>One output of a code cell, in nbformat 4's four shapes.</summary>
public abstract class NotebookOutput
{
    /// <summary>nbformat's <c>output_type</c>.</summary>
    public abstract string OutputType { get; }

    /// <summary>Properties this reader did not recognise, written back unchanged.</summary>
    public JsonObject Extra { get; init; } = new();
}

/// <summary><c>stream</c>: text written to stdout or stderr.</summary>
public sealed class StreamOutput(string name, string text) : NotebookOutput
{
    public const string StdOut = "stdout";
    public const string StdErr = "stderr";

    public override string OutputType => "stream";

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; } = name;

    public string Text { get; set; } = text;
}

/// <summary><c>display_data</c>: a value shown with <c>display(...)</c>.</summary>
public sealed class DisplayDataOutput(MimeBundle data) : NotebookOutput
{
    public override string OutputType => "display_data";

    public MimeBundle Data { get; set; } = data;

    public JsonObject Metadata { get; set; } = new();

    /// <summary>Jupyter's transient display_id; kept in memory for updates, never written to the file.</summary>
    public string? DisplayId { get; init; }
}

/// <summary><c>execute_result</c>: the value of a cell's trailing expression.</summary>
public sealed class ExecuteResultOutput(int executionCount, MimeBundle data) : NotebookOutput
{
    public override string OutputType => "execute_result";

    public int ExecutionCount { get; } = executionCount;

    public MimeBundle Data { get; set; } = data;

    public JsonObject Metadata { get; set; } = new();
}

/// <summary><c>error</c>: an exception or a compilation error.</summary>
public sealed class ErrorOutput(string ename, string evalue, IReadOnlyList<string> traceback) : NotebookOutput
{
    public override string OutputType => "error";

    /// <summary>The error's name (an exception's type name, or <c>CompilationError</c>).</summary>
    public string EName { get; } = ename;

    public string EValue { get; } = evalue;

    /// <summary>Lines shown under the error.</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback;
}

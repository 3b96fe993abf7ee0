using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// The <c>error</c> outputs of a cell, each naming the cell (and line): a compile error, a directive
/// the kernel refused, a package that did not restore, an exception of the cell's code, an interruption.
/// </summary>
internal static class CellErrors
{
    /// <summary>The cell was stopped (interrupt, timeout, Ctrl+C).</summary>
    public static ErrorOutput Interrupted(string label, bool stillRunning = false) => new(
        "CellInterrupted",
        stillRunning
            ? $"{label} was interrupted but is still running (it is blocked in a call that does not check for interruption); later cells continue from the state before it."
            : $"{label} was interrupted before it finished.",
        [$"CellInterrupted: {label} was interrupted."]);

    /// <summary>What the kernel's failure of a cell means for a learner.</summary>
    public static ErrorOutput FromFailure(string label, CommandFailed failure, IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var errors = diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var lines = errors.Select(d => Describe(label, d)).ToList();
            var ename = errors.All(d => d.Code.StartsWith("CS", StringComparison.Ordinal)) ? "CompilationError" : "DirectiveError";
            return new ErrorOutput(ename, lines[0], lines);
        }
        if (failure.Exception is { } exception and not CodeSubmissionCompilationErrorException)
        {
            return FromException(exception);
        }
        // No diagnostics and no exception: a directive's handler failed, #r "nuget:" most often.
        var message = failure.Message.Trim();
        var isRestore = code.Contains("nuget:", StringComparison.OrdinalIgnoreCase)
            && (message.Contains("nuget", StringComparison.OrdinalIgnoreCase) || message.Contains("package", StringComparison.OrdinalIgnoreCase));
        var messageLines = message.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var first = messageLines.FirstOrDefault() ?? "the kernel could not run it.";
        return new ErrorOutput(isRestore ? "NuGetRestoreError" : "KernelError", $"{label}: {first}", messageLines.Count > 0 ? messageLines : [first]);
    }

    private static string Describe(string label, Diagnostic diagnostic)
    {
        var start = diagnostic.LinePositionSpan.Start;
        var message = diagnostic.Message;
        if (diagnostic.Code == "CS0006")
        {
            message += " (a #r path is relative to the notebook's folder; if it is one of this repository's libraries, build it first: ./build.sh build)";
        }
        return $"{label}, line {start.Line + 1}, column {start.Character + 1}: error {diagnostic.Code}: {message}";
    }

    /// <summary>An exception as an error output; the traceback stops at the scripting machinery.</summary>
    public static ErrorOutput FromException(Exception exception)
    {
        if (exception is TargetInvocationException { InnerException: { } inner }) exception = inner;
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        foreach (var line in (exception.StackTrace ?? "").Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)) break;
            if (trimmed.Contains("Torchbook.Notebooks.Execution.CellInterrupt", StringComparison.Ordinal)) continue;
            if (trimmed.StartsWith("---", StringComparison.Ordinal)) continue; // async rethrow markers
            if (trimmed.Length > 0) traceback.Add(trimmed);
        }
        for (var inner2 = exception.InnerException; inner2 is not null; inner2 = inner2.InnerException)
        {
            traceback.Add($" ---> {inner2.GetType().FullName}: {inner2.Message}");
        }
        return new ErrorOutput(exception.GetType().Name, exception.Message, traceback);
    }
}

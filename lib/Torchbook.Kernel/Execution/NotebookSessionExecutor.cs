using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Torchbook.Kernel.Language;
using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;

namespace Torchbook.Kernel.Execution;

/// <summary>
/// Runs the kernel's cells in a Torchbook <see cref="NotebookSession"/>: the same engine, formatting
/// and outputs as <c>torchbook run</c>. Completions come from the session itself. Inspection also
/// needs the framework's XML documentation, which the session's hover does not read, so it runs
/// over a script chain of the cells that succeeded, compiled with the session's imports, globals
/// and framework references.
/// </summary>
public sealed class NotebookSessionExecutor : ICellExecutor, IDisposable
{
    private readonly NotebookSession _session;
    private readonly ScriptChainLanguageContext _language;
    private readonly InspectionProvider _inspection;

    public NotebookSessionExecutor(string workingDirectory)
    {
        _session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = workingDirectory });
        _language = new ScriptChainLanguageContext(LanguageOptions(_session.WorkingDirectory), typeof(NotebookGlobals));
        _inspection = new InspectionProvider(_language);
        // Roslyn's first compilation JITs most of the compiler (over a second). Do it while the
        // front end is still connecting, on a throwaway script, so the first cell does not pay it.
        _ = Task.Run(WarmUp);
    }

    private void WarmUp()
    {
        try
        {
            var compilation = _language.CompileNextSubmission("var warm = new List<int> { 1 }.Select(x => x + 1).ToList();\nwarm.Count");
            using var image = new MemoryStream();
            compilation.Emit(image);
            _inspection.Inspect("Console.WriteLine", 3);
        }
        catch (Exception e)
        {
            KernelLog.Debug($"warm-up failed (harmless): {e.Message}");
        }
    }

    public CompletionResult Complete(string code, int cursor) =>
        _session.GetCompletionsAsync(code, cursor).GetAwaiter().GetResult();

    public Inspection? Inspect(string code, int cursor) => _inspection.Inspect(code, cursor);

    public CellOutcome Execute(string code, int executionCount, ICellOutputs outputs, CancellationToken cancellation)
    {
        var sink = new KernelSink(outputs);
        var result = _session.ExecuteAsync(code, sink, new CellOptions { Label = $"cell [{executionCount}]" }, cancellation)
            .GetAwaiter().GetResult();
        // The session keeps the state of a cell that compiled, even when it then threw.
        if (result.Error?.EName is not ("CompilationError" or "UnsupportedMagic" or "NuGetRestoreError" or "CellInterrupted"))
            _language.Record(code);
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

    /// <summary>
    /// Script options equivalent to the session's for analysis: framework and Torchbook references,
    /// the default imports, #r and #load relative to the notebook folder.
    /// </summary>
    private static ScriptOptions LanguageOptions(string directory)
    {
        // The shared framework's assemblies, as the session references them: the runtime's trusted
        // platform assemblies that live in the framework folder (System.Private.* internals aside).
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetDirectoryName(p) == frameworkDir)
            .Where(p => Path.GetFileName(p) is var n
                        && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "Microsoft.CSharp.dll")
                        && (!n.StartsWith("System.Private.", StringComparison.Ordinal) || n == "System.Private.CoreLib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        return ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(framework)
            .AddReferences(typeof(Torchbook.Formatting.Display).Assembly, typeof(NotebookSession).Assembly)
            .WithImports(NotebookSessionOptions.DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory))
            .WithSourceResolver(new SourceFileResolver([], directory))
            .WithFilePath(Path.Combine(directory, "notebook.csx"))
            .WithAllowUnsafe(true);
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

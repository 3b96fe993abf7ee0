using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Torchbook.Formatting;
using Torchbook.Notebooks.Formatters;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// One notebook's C# session: cells run in order in one Roslyn script state, as in .NET Interactive.
/// <para>
/// Use: <c>await using var session = new NotebookSession(new() { WorkingDirectory = dir });</c> then
/// <c>var result = await session.ExecuteAsync(code, sink, token);</c> per cell. Outputs reach the
/// <see cref="IOutputSink"/> as they happen and are also returned in <see cref="CellResult.Outputs"/>.
/// Cancelling the token stops the cell at its next loop iteration or method entry (checks are
/// inserted by rewriting the cell); the session stays usable. Cells run one at a time.
/// </para>
/// </summary>
public sealed partial class NotebookSession : IAsyncDisposable, IDisposable
{
    private static readonly CSharpParseOptions ScriptParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private readonly NotebookSessionOptions _options;
    private readonly NotebookMetadataResolver _resolver;
    private readonly NuGetRestorer _nuget;
    private readonly NotebookGlobals _globals = new();
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
    private ScriptOptions _scriptOptions;
    private ScriptState<object>? _state;

    public NotebookSession(NotebookSessionOptions? options = null)
    {
        _options = options ?? new NotebookSessionOptions { WorkingDirectory = Environment.CurrentDirectory };
        var directory = Path.GetFullPath(_options.WorkingDirectory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The notebook folder '{directory}' does not exist.");
        WorkingDirectory = directory;
        _resolver = new NotebookMetadataResolver(directory);
        _nuget = new NuGetRestorer(directory);
        _scriptOptions = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(typeof(Display).Assembly, typeof(NotebookSession).Assembly)
            .WithImports(_options.Imports)
            .WithMetadataResolver(_resolver)
            .WithSourceResolver(new SourceFileResolver([], directory))
            .WithFilePath(Path.Combine(directory, "notebook.csx"))
            .WithEmitDebugInformation(false)
            .WithAllowUnsafe(true)
            .WithOptimizationLevel(OptimizationLevel.Release);
        ConsoleRouter.Install();
        DisplayHost.Register();
        // The script loader reuses what is loaded already (see ReferencedLibraryLoader).
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies()) RegisterLoaded(loaded);
        AppDomain.CurrentDomain.AssemblyLoad += OnAssemblyLoad;
    }

    private void OnAssemblyLoad(object? sender, AssemblyLoadEventArgs e) => RegisterLoaded(e.LoadedAssembly);

    private void RegisterLoaded(System.Reflection.Assembly assembly)
    {
        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) return;
        try
        {
            _loader.RegisterDependency(assembly);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Where console writes made outside any cell go (by default the process's console). A host that
    /// uses its own stdout for a protocol points this elsewhere.
    /// </summary>
    public static void SetConsoleFallback(TextWriter stdout, TextWriter stderr) => ConsoleRouter.SetFallback(stdout, stderr);

    /// <summary>The notebook folder (working directory of the cells).</summary>
    public string WorkingDirectory { get; }

    /// <summary>How many cells ran so far (Jupyter's execution_count of the last one).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>Runs one cell. See <see cref="ExecuteAsync(string, IOutputSink, CellOptions?, CancellationToken)"/>.</summary>
    public Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellation = default) =>
        ExecuteAsync(code, sink, null, cancellation);

    /// <summary>
    /// Runs one cell in this session's state: compiles it (compile errors become an <c>error</c>
    /// output naming the cell and line), runs it with Console.Out/Error routed to
    /// <paramref name="sink"/> as stdout/stderr streams, reports displays and the trailing
    /// expression's value (<c>execute_result</c>) or the exception (<c>error</c>). Never throws for
    /// problems in the cell's code.
    /// </summary>
    public async Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CellOptions? options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(sink);
        await _oneCellAtATime.WaitAsync(CancellationToken.None);
        try
        {
            return await ExecuteCoreAsync(code, sink, options, cancellation);
        }
        finally
        {
            _oneCellAtATime.Release();
        }
    }

    private async Task<CellResult> ExecuteCoreAsync(string code, IOutputSink sink, CellOptions? options, CancellationToken cancellation)
    {
        var count = ++ExecutionCount;
        var label = options?.Label ?? $"cell [{count}]";
        var collector = new OutputCollector(sink);
        var clock = Stopwatch.StartNew();

        CellResult Finish(CellStatus status, ErrorOutput? error, object? value) =>
            new(count, status, collector.Snapshot(), error, value, clock.Elapsed);

        CellResult Fail(ErrorOutput error)
        {
            collector.OnError(error);
            return Finish(CellStatus.Error, error, null);
        }

        if (CellMagic.Strip(code) is not { } source)
        {
            var magic = code.TrimStart().Split('\n')[0].Trim();
            return Fail(new ErrorOutput("UnsupportedMagic", $"{label}: '{magic}' is not supported; cells are C# ('#!csharp' or no magic line).", [$"{label}, line 1: {magic}"]));
        }

        // #r "nuget: ..." is restored before compiling, so the resolver can answer synchronously.
        var packages = NuGetRestorer.FindDirectives(source);
        if (packages.Count > 0)
        {
            try
            {
                var assemblies = await _nuget.RestoreAsync(packages.Select(p => (p.Name, p.Version)), cancellation);
                foreach (var p in packages) _resolver.AddPackageReference(p.Reference, assemblies);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                return Fail(new ErrorOutput("NuGetRestoreError", $"{label}: {e.Message.Split('\n')[0]}", e.Message.Split('\n')));
            }
            catch (OperationCanceledException)
            {
                return Fail(Interrupted(label));
            }
        }

        var rewritten = CooperativeCancellationRewriter.Rewrite(source, ScriptParseOptions);
        var context = new CellContext(this, collector, cancellation);
        var raised = 0;
        using var onCancel = cancellation.Register(() =>
        {
            if (Interlocked.Exchange(ref raised, 1) == 0) CellInterrupt.Raise();
        });

        var run = Task.Run(async () =>
        {
            CellContext.Current = context;
            Directory.SetCurrentDirectory(WorkingDirectory);
            _state ??= await CSharpScript.Create<object>("", _scriptOptions, typeof(NotebookGlobals), _loader)
                .RunAsync(_globals, CancellationToken.None).ConfigureAwait(false);
            return await _state.ContinueWithAsync<object>(rewritten, _scriptOptions, _ => true, CancellationToken.None).ConfigureAwait(false);
        }, CancellationToken.None);
        // Whatever happens, a raised interrupt is released only when the cell's code really stopped.
        _ = run.ContinueWith(_ =>
        {
            if (Interlocked.Exchange(ref raised, 2) == 1) CellInterrupt.Release();
        }, TaskScheduler.Default);

        ScriptState<object>? state;
        try
        {
            state = await WaitForCellAsync(run, cancellation);
        }
        catch (CompilationErrorException e)
        {
            return Fail(CompileError(label, e.Diagnostics));
        }
        catch (TimeoutException)
        {
            // The cell did not reach a check within the grace period (a blocking call): leave it
            // running detached and continue from the previous state.
            return Fail(Interrupted(label, stillRunning: true));
        }
        catch (Exception e) when (e is OperationCanceledException && cancellation.IsCancellationRequested)
        {
            return Fail(Interrupted(label));
        }
        catch (Exception e)
        {
            // Exceptions of the cell's code arrive through the state; this is the engine failing.
            return Fail(ExceptionError(e));
        }

        if (state is null) return Fail(Interrupted(label));
        _state = state;
        if (state.Exception is { } exception)
        {
            if (exception is OperationCanceledException && cancellation.IsCancellationRequested)
            {
                var interrupted = Interrupted(label);
                collector.OnError(interrupted);
                return Finish(CellStatus.Cancelled, interrupted, null);
            }
            return Fail(ExceptionError(exception));
        }

        if (HasTrailingValue(state.Script.GetCompilation()))
        {
            var value = state.ReturnValue;
            collector.OnResult(new ExecuteResultOutput(count, FormatSafely(value)));
            return Finish(CellStatus.Ok, null, value);
        }
        return Finish(CellStatus.Ok, null, null);
    }

    /// <summary>Whether the cell ends in an expression without a semicolon whose type is not void.</summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit) return false;
        if (unit.Members.LastOrDefault() is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
            {
                Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement,
            })
        {
            return false;
        }
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private async Task<ScriptState<object>?> WaitForCellAsync(Task<ScriptState<object>?> run, CancellationToken cancellation)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetResult()))
        {
            if (await Task.WhenAny(run, cancelled.Task) == run) return await run;
        }
        // Cancelled: the rewritten loops throw at their next check.
        if (await Task.WhenAny(run, Task.Delay(_options.InterruptGracePeriod)) == run) return await run;
        throw new TimeoutException();
    }

    private MimeBundle FormatSafely(object? value)
    {
        try
        {
            return ValueFormatter.Format(value);
        }
        catch (Exception e)
        {
            return new MimeBundle { [MimeTypes.PlainText] = $"<could not format {value?.GetType().Name}: {e.Message}>" };
        }
    }

    private static ErrorOutput Interrupted(string label, bool stillRunning = false) => new(
        "CellInterrupted",
        stillRunning
            ? $"{label} was interrupted but is still running (it is blocked in a call that does not check for interruption); later cells continue from the state before it."
            : $"{label} was interrupted before it finished.",
        [$"CellInterrupted: {label} was interrupted."]);

    /// <summary>A compile error output: every error with its cell and line.</summary>
    private static ErrorOutput CompileError(string label, IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var lines = errors.Select(d => Describe(label, d)).ToList();
        return new ErrorOutput("CompilationError", lines.FirstOrDefault() ?? $"{label} did not compile.", lines);
    }

    private static string Describe(string label, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var path = span.Path;
        var where = diagnostic.Location.IsInSource && !path.EndsWith("notebook.csx", StringComparison.Ordinal) && path.Length > 0
            ? $"{label}, {Path.GetFileName(path)} line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}"
            : diagnostic.Location.IsInSource
                ? $"{label}, line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}"
                : label;
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (diagnostic.Id == "CS0006")
        {
            message += " (a #r path is relative to the notebook's folder; if it is one of this repository's libraries, build it first: ./build.sh build)";
        }
        return $"{where}: error {diagnostic.Id}: {message}";
    }

    /// <summary>An exception as an error output; the traceback stops at the scripting machinery.</summary>
    internal static ErrorOutput ExceptionError(Exception exception)
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

    /// <summary>
    /// The shared framework's assemblies, referenced by every session (as .NET Interactive does), so
    /// that any BCL namespace can be imported without <c>#r</c>.
    /// </summary>
    private static readonly Lazy<IReadOnlyList<MetadataReference>> FrameworkReferences = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Directory.EnumerateFiles(frameworkDir, "*.dll")
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal)
                || n is "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("System.Private.", StringComparison.Ordinal) || Path.GetFileName(p) == "System.Private.CoreLib.dll")
            .Where(IsManagedAssembly)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    });

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            return pe.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _nuget.Dispose();
        AppDomain.CurrentDomain.AssemblyLoad -= OnAssemblyLoad;
        _loader.Dispose();
        _oneCellAtATime.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

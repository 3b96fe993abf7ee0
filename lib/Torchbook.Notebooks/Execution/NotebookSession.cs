using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// One notebook's C# session on Microsoft.DotNet.Interactive: an in-process
/// <see cref="CompositeKernel"/> with the C# kernel, <c>#r "nuget:"</c>, the kernel helpers
/// (<c>display</c>, <c>HTML</c>, <c>x.Display()</c>) and value sharing, as in Polyglot Notebooks.
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
    private const string CSharpKernelName = "csharp";

    private readonly NotebookSessionOptions _options;
    private readonly CompositeKernel _kernel;
    private readonly CSharpKernel _csharp;
    private readonly KernelEventRouter _router = new();
    private readonly IDisposable _subscription;
    private readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
    private readonly Task _prologue;

    public NotebookSession(NotebookSessionOptions? options = null)
    {
        _options = options ?? new NotebookSessionOptions { WorkingDirectory = Environment.CurrentDirectory };
        var directory = Path.GetFullPath(_options.WorkingDirectory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The notebook folder '{directory}' does not exist.");
        WorkingDirectory = directory;
        // #r and #load resolve against the current directory when the kernel compiles a cell.
        Directory.SetCurrentDirectory(directory);

        _csharp = new CSharpKernel()
            .UseNugetDirective(OnPackagesRestored)
            .UseKernelHelpers()
            .UseValueSharing();
        _kernel = new CompositeKernel { _csharp };
        _kernel.DefaultKernelName = CSharpKernelName;
        _subscription = _kernel.KernelEvents.Subscribe(_router);
        DisplayHost.Register();
        _prologue = RunPrologueAsync();
    }

    /// <summary>
    /// Where console writes made outside any cell go. Call it before the first session is made: the
    /// kernel captures the console it finds then. A host that uses its own stdout for a protocol
    /// points this elsewhere.
    /// </summary>
    public static void SetConsoleFallback(TextWriter stdout, TextWriter stderr)
    {
        Console.SetOut(stdout);
        Console.SetError(stderr);
    }

    /// <summary>The notebook folder (working directory of the cells).</summary>
    public string WorkingDirectory { get; }

    /// <summary>How many cells ran so far (Jupyter's execution_count of the last one).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>Runs one cell. See <see cref="ExecuteAsync(string, IOutputSink, CellOptions?, CancellationToken)"/>.</summary>
    public Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellation = default) =>
        ExecuteAsync(code, sink, null, cancellation);

    /// <summary>
    /// Runs one cell in this session's state: the kernel compiles it (compile errors become an
    /// <c>error</c> output naming the cell and line), runs it with the console captured as
    /// stdout/stderr streams, and reports displays and the trailing expression's value
    /// (<c>execute_result</c>) or the exception (<c>error</c>). Never throws for problems in the
    /// cell's code.
    /// </summary>
    public async Task<CellResult> ExecuteAsync(string code, IOutputSink sink, CellOptions? options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(sink);
        await _oneCellAtATime.WaitAsync(CancellationToken.None);
        try
        {
            await _prologue;
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
        var cell = new CellRun(count, collector);
        var clock = Stopwatch.StartNew();

        CellResult Finish(CellStatus status, ErrorOutput? error, object? value) =>
            new(count, status, collector.Snapshot(), error, value, clock.Elapsed);

        CellResult Fail(ErrorOutput error)
        {
            collector.OnError(error);
            return Finish(CellStatus.Error, error, null);
        }

        // Libraries named by #r go into the default load context first (see ReferencedLibraryLoader);
        // a missing file is left to the kernel, which reports it with the line.
        foreach (var library in ReferencedLibraryLoader.FindReferences(code))
        {
            var path = Path.GetFullPath(library, WorkingDirectory);
            if (File.Exists(path)) ReferencedLibraryLoader.Load(path);
        }

        var submitted = CellMagic.PrepareForKernel(code);
        var context = new CellContext(this, collector, cancellation);
        var raised = 0;
        using var onCancel = cancellation.Register(() =>
        {
            if (Interlocked.Exchange(ref raised, 1) == 0) CellInterrupt.Raise();
        });

        Task<KernelCommandResult> run;
        _router.Begin(cell);
        try
        {
            // The cell's code runs on the kernel's scheduler thread; CellContext flows there with the
            // ExecutionContext of this call.
            CellContext.Current = context;
            Directory.SetCurrentDirectory(WorkingDirectory);
            run = _kernel.SendAsync(new SubmitCode(submitted, CSharpKernelName), CancellationToken.None);
        }
        finally
        {
            CellContext.Current = null;
        }
        // Whatever happens, a raised interrupt is released only when the cell's code really stopped.
        _ = run.ContinueWith(_ =>
        {
            if (Interlocked.Exchange(ref raised, 2) == 1) CellInterrupt.Release();
        }, TaskScheduler.Default);

        try
        {
            if (!await WaitForCellAsync(run, cancellation))
            {
                // The cell did not reach a check within the grace period (a blocking call): the
                // kernel abandons it and later cells continue from the previous state.
                await _kernel.SendAsync(new Cancel(CSharpKernelName), CancellationToken.None);
                _router.End();
                return Fail(CellErrors.Interrupted(label, stillRunning: true));
            }
        }
        catch (Exception e)
        {
            _router.End();
            return Fail(CellErrors.FromException(e));
        }

        var outcome = _router.End();
        if (outcome.Error is { } failure)
        {
            if (cancellation.IsCancellationRequested && failure.Exception is OperationCanceledException or null)
            {
                var interrupted = CellErrors.Interrupted(label);
                collector.OnError(interrupted);
                return Finish(CellStatus.Cancelled, interrupted, null);
            }
            return Fail(CellErrors.FromFailure(label, failure, outcome.Diagnostics, code));
        }
        return Finish(CellStatus.Ok, null, outcome.ReturnValue);
    }

    private async Task<bool> WaitForCellAsync(Task run, CancellationToken cancellation)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetResult()))
        {
            if (await Task.WhenAny(run, cancelled.Task) == run)
            {
                await run;
                return true;
            }
        }
        // Cancelled: the rewritten loops throw at their next check.
        if (await Task.WhenAny(run, Task.Delay(_options.InterruptGracePeriod)) != run) return false;
        await run;
        return true;
    }

    /// <summary>Libraries a package brings are loaded once, into the default context (see <see cref="ReferencedLibraryLoader"/>).</summary>
    private static Task OnPackagesRestored(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        var assemblies = packages.SelectMany(p => p.AssemblyPaths).ToList();
        foreach (var path in assemblies) ReferencedLibraryLoader.Load(path);
        kernel.AddAssemblyReferences(assemblies);
        return Task.CompletedTask;
    }

    /// <summary>The session's defaults, submitted once before the first cell: Torchbook's cell check and the imports.</summary>
    private async Task RunPrologueAsync()
    {
        _csharp.AddAssemblyReferences([typeof(NotebookSession).Assembly.Location, typeof(Torchbook.Formatting.Display).Assembly.Location]);
        var imports = string.Concat(_options.Imports.Select(n => $"using {n};\n"));
        if (imports.Length == 0) return;
        var result = await _kernel.SendAsync(new SubmitCode(imports, CSharpKernelName), CancellationToken.None);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"The notebook session could not start: {failed.Message}");
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _kernel.Dispose();
        _oneCellAtATime.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

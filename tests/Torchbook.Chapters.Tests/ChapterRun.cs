using System.Diagnostics;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>
/// One notebook run through the real runner (<c>torchbook run NOTEBOOK --output TEMP --quick</c>, in
/// its own process, as <c>./build.sh</c> runs the chapters), and what came out of it: the runner's
/// exit code and console output, the time it took and the executed copy.
/// </summary>
public sealed class ChapterRun
{
    /// <summary>How long one notebook may run in all before the runner is killed (chapters must take under 2 minutes quick).</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(8);

    private readonly Notebook? _executed;

    private ChapterRun(string source, string outputDirectory, int exitCode, string console, TimeSpan elapsed, bool killed, Notebook? executed, string? loadError)
    {
        Source = source;
        OutputDirectory = outputDirectory;
        ExitCode = exitCode;
        Console = console;
        Elapsed = elapsed;
        Killed = killed;
        _executed = executed;
        LoadError = loadError;
    }

    /// <summary>The source notebook's path.</summary>
    public string Source { get; }

    public string Name => Path.GetFileName(Source);

    /// <summary>The temporary folder holding the executed copy.</summary>
    public string OutputDirectory { get; }

    public string ExecutedPath => Path.Combine(OutputDirectory, Name);

    /// <summary>The runner's exit code: 0 when every cell ran without error.</summary>
    public int ExitCode { get; }

    /// <summary>What the runner printed (stdout, then stderr).</summary>
    public string Console { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>True when the run went past its limit and was killed.</summary>
    public bool Killed { get; }

    /// <summary>Why the executed copy could not be read, or null.</summary>
    public string? LoadError { get; }

    /// <summary>The executed notebook; throws with the runner's output when there is none.</summary>
    public ExecutedNotebook Notebook =>
        _executed is not null
            ? new ExecutedNotebook(_executed, this)
            : throw new Xunit.Sdk.XunitException($"{Name}: no executed notebook to check. {Summary()}");

    /// <summary>One paragraph saying how the run went, for failure messages.</summary>
    public string Summary()
    {
        var how = Killed
            ? $"torchbook run was killed after {Elapsed.TotalSeconds:0} s (limit {DefaultLimit.TotalMinutes:0} min)"
            : $"torchbook run exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s";
        var copy = _executed is not null ? $"executed copy: {ExecutedPath}" : $"no executed copy ({LoadError})";
        return $"{how}; {copy}.\n--- runner output ---\n{Console.TrimEnd()}\n---";
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<ChapterRun>> SharedRuns = new(StringComparer.Ordinal);

    /// <summary>
    /// The quick run of chapter <paramref name="notebookFileName"/> (a file of notebooks/), made once per
    /// test process and shared by every test class that reads it.
    /// </summary>
    public static ChapterRun Shared(string notebookFileName) =>
        SharedRuns.GetOrAdd(notebookFileName, name => new Lazy<ChapterRun>(() => Execute(Path.Combine(RepositoryPaths.Notebooks, name)))).Value;

    /// <summary>Runs <paramref name="notebookPath"/> in quick mode (or with its own parameters) into a new temporary folder.</summary>
    public static ChapterRun Execute(string notebookPath, bool quick = true, TimeSpan? limit = null, IEnumerable<string>? extraArguments = null)
    {
        var source = Path.GetFullPath(notebookPath);
        if (!File.Exists(source)) throw new FileNotFoundException($"no notebook at {source}", source);
        var output = Directory.CreateTempSubdirectory("torchbook-chapter-").FullName;

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { RepositoryPaths.TorchbookDll, "run", source, "--output", output }) start.ArgumentList.Add(a);
        if (quick) start.ArgumentList.Add("--quick");
        foreach (var a in extraArguments ?? []) start.ArgumentList.Add(a);
        start.Environment["CI"] = "true"; // plain progress lines, no live table

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = !process.WaitForExit(limit ?? DefaultLimit);
        if (killed)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.WaitForExit(); // drains the redirected streams
        clock.Stop();

        Notebook? executed = null;
        string? loadError = null;
        var executedPath = Path.Combine(output, Path.GetFileName(source));
        if (!File.Exists(executedPath)) loadError = $"{executedPath} was not written";
        else
        {
            try { executed = NotebookJson.Load(executedPath); }
            catch (NotebookFormatException e) { loadError = e.Message; }
        }
        var console = stdout.Result + (stderr.Result.Length > 0 ? "\n[stderr]\n" + stderr.Result : "");
        return new ChapterRun(source, output, killed ? -1 : process.ExitCode, console, clock.Elapsed, killed, executed, loadError);
    }
}

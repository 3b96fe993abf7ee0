using Spectre.Console;
using Spectre.Console.Rendering;
using Torchbook.Notebooks.Model;

namespace Torchbook.Cli;

/// <summary>
/// `torchbook run PATH... --output DIR`: each notebook in its own child process, one after another,
/// with a live status table (or plain lines when not a terminal or CI=true) and a summary. Exit code
/// 0 when every notebook succeeded, 1 when one failed, 130 after Ctrl+C, 2 for bad arguments.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, string outputDir, RunSettings settings)
    {
        List<string> notebooks;
        try
        {
            notebooks = ExpandPaths(paths);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        if (notebooks.Count == 0)
        {
            Console.Error.WriteLine($"error: no .ipynb notebooks in {string.Join(", ", paths)}.");
            return 2;
        }

        var output = Path.GetFullPath(outputDir);
        var progress = new List<NotebookProgress>();
        foreach (var source in notebooks)
        {
            var target = Path.Combine(output, Path.GetFileName(source));
            if (string.Equals(Path.GetDirectoryName(source), output, StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"error: --output {outputDir} is the folder of {source}; executed copies would overwrite the sources. Choose another output folder.");
                return 2;
            }
            if (progress.Any(p => p.Output == target))
            {
                Console.Error.WriteLine($"error: two notebooks named {Path.GetFileName(source)}; run them into different output folders.");
                return 2;
            }
            progress.Add(new NotebookProgress(source, target));
        }
        Directory.CreateDirectory(output);

        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // the children get SIGINT too and stop their cell; we wait for them
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is not ("true" or "1")
                && AnsiConsole.Profile.Capabilities.Interactive;
            if (interactive)
            {
                await AnsiConsole.Live(StatusTable(progress)).AutoClear(false).StartAsync(async live =>
                {
                    var refresh = () => live.UpdateTarget(StatusTable(progress));
                    await RunAllAsync(progress, settings, refresh, interrupt.Token);
                    refresh();
                });
            }
            else
            {
                await RunAllAsync(progress, settings, PlainReporter(progress), interrupt.Token);
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        PrintSummary(progress, output, interactive: !Console.IsOutputRedirected);
        if (interrupt.IsCancellationRequested) return 130;
        return progress.Any(p => p.Failed) ? 1 : 0;
    }

    private static async Task RunAllAsync(List<NotebookProgress> progress, RunSettings settings, Action changed, CancellationToken interrupted)
    {
        foreach (var notebook in progress)
        {
            if (interrupted.IsCancellationRequested)
            {
                notebook.State = "skipped";
                notebook.Failed = true;
                notebook.Message = "not run: interrupted by Ctrl+C.";
                changed();
                continue;
            }
            try
            {
                NotebookJson.Load(notebook.Source); // a clear message for a file that is not a notebook, without a process
            }
            catch (NotebookFormatException e)
            {
                notebook.State = "failed";
                notebook.Failed = true;
                notebook.Message = e.Message;
                changed();
                continue;
            }
            await new NotebookChild(notebook, settings, changed).RunAsync(interrupted);
        }
    }

    /// <summary>Files as given; folders as their notebooks in name order (hidden files and checkpoints left out).</summary>
    public static List<string> ExpandPaths(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                result.AddRange(Directory.EnumerateFiles(full, "*.ipynb")
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(full))
            {
                if (!full.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"{path} is not a notebook (.ipynb).");
                result.Add(full);
            }
            else
            {
                throw new ArgumentException($"{path} does not exist.");
            }
        }
        return result;
    }

    private static IRenderable StatusTable(IReadOnlyList<NotebookProgress> progress)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("torchbook run");
        table.AddColumns("notebook", "status", "cell", "time");
        foreach (var p in progress)
        {
            var colour = p.State switch { "ok" => "green", "running" => "yellow", "waiting" => "grey", _ => "red" };
            var cell = p.CodeCells > 0 ? $"{p.CellNumber}/{p.CodeCells}" : "";
            table.AddRow(Markup.Escape(p.Name), $"[{colour}]{Markup.Escape(p.State)}[/]", cell, $"{p.Elapsed.TotalSeconds:0.0} s");
        }
        return table;
    }

    private static Action PlainReporter(IReadOnlyList<NotebookProgress> progress)
    {
        var last = new Dictionary<NotebookProgress, string>();
        var gate = new object();
        return () =>
        {
            lock (gate)
            {
                foreach (var p in progress)
                {
                    var line = p.State == "running" ? $"{p.Name}: running cell {p.CellNumber}/{p.CodeCells}" : $"{p.Name}: {p.State}";
                    if (p.State == "waiting" || (last.TryGetValue(p, out var previous) && previous == line)) continue;
                    if (p.State == "running" && p.CodeCells == 0) continue;
                    last[p] = line;
                    Console.Out.WriteLine(p.State is "running" ? line : $"{line} ({p.Elapsed.TotalSeconds:0.0} s)");
                }
            }
        };
    }

    private static void PrintSummary(IReadOnlyList<NotebookProgress> progress, string output, bool interactive)
    {
        var failed = progress.Count(p => p.Failed);
        if (interactive)
        {
            foreach (var p in progress.Where(p => p.Message is not null))
            {
                AnsiConsole.MarkupLine($"[{(p.Failed ? "red" : "yellow")}]{Markup.Escape(p.Name)}[/]: {Markup.Escape(p.Message!)}");
            }
        }
        else
        {
            foreach (var p in progress.Where(p => p.Message is not null))
            {
                Console.Out.WriteLine($"{p.Name}: {p.Message}");
            }
        }
        Console.Out.WriteLine($"{progress.Count - failed} of {progress.Count} notebooks succeeded; executed copies in {output}");
    }
}

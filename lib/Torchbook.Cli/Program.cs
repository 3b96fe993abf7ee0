using System.CommandLine;
using Torchbook.Cli;
using Torchbook.Notebooks.Running;

InterruptSignal.StopIgnoring();

var root = new RootCommand("Torchbook: run C# notebooks headlessly and turn them into an HTML book.");

// torchbook run PATH... [--output DIR] [-p name=value]... [--quick] [--timeout SECONDS] [--allow-errors]
var paths = new Argument<string[]>("PATH") { Description = "Notebooks (.ipynb) or folders of notebooks (run in name order).", Arity = ArgumentArity.OneOrMore };
var output = new Option<string>("--output", "-o") { Description = "Folder for the executed copies (sources are never modified).", DefaultValueFactory = _ => Path.Combine("output", "notebooks") };
var parameters = new Option<string[]>("--parameter", "-p") { Description = "Override a variable of the cell tagged 'parameters': -p epochs=2 (repeatable).", AllowMultipleArgumentsPerToken = false };
var quick = new Option<bool>("--quick") { Description = "Quick mode: set TORCHBOOK_QUICK=1 for the notebooks, whose parameters cells then pick their quick values." };
var timeout = new Option<double>("--timeout") { Description = "Per-cell timeout in seconds.", DefaultValueFactory = _ => 600 };
var allowErrors = new Option<bool>("--allow-errors") { Description = "Keep running a notebook's cells after one fails, and do not count it as failed." };
var verbose = new Option<bool>("--verbose") { Description = "Show what the notebooks' processes write to stderr." };
var run = new Command("run", "Run notebooks, each in its own process, and write executed copies.") { paths, output, parameters, quick, timeout, allowErrors, verbose };
run.SetAction((parse, _) =>
{
    var seconds = parse.GetValue(timeout);
    if (seconds <= 0)
    {
        Console.Error.WriteLine("error: --timeout must be a positive number of seconds.");
        return Task.FromResult(2);
    }
    var assignments = parse.GetValue(parameters) ?? [];
    try
    {
        ParameterInjector.ParseAssignments(assignments);
    }
    catch (ParameterException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return Task.FromResult(2);
    }
    return RunCommand.RunAsync(parse.GetValue(paths)!, parse.GetValue(output)!, new RunSettings
    {
        Parameters = assignments,
        Quick = parse.GetValue(quick),
        AllowErrors = parse.GetValue(allowErrors),
        CellTimeout = TimeSpan.FromSeconds(seconds),
        KillGracePeriod = TimeSpan.FromSeconds(Math.Clamp(seconds, 2, 10)),
        Verbose = parse.GetValue(verbose),
    });
});
root.Add(run);

// torchbook run-one SOURCE OUTPUT (hidden: the child process of `run`)
var oneSource = new Argument<string>("SOURCE");
var oneOutput = new Argument<string>("OUTPUT");
var runOne = new Command("run-one", "Run one notebook in this process (used by `run`).") { oneSource, oneOutput, parameters, quick, allowErrors };
runOne.Hidden = true;
runOne.SetAction((parse, _) =>
{
    IReadOnlyDictionary<string, string> overrides;
    try
    {
        overrides = ParameterInjector.ParseAssignments(parse.GetValue(parameters) ?? []);
    }
    catch (ParameterException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return Task.FromResult(RunOneCommand.ExitBadInput);
    }
    return RunOneCommand.RunAsync(parse.GetValue(oneSource)!, parse.GetValue(oneOutput)!, new NotebookRunOptions
    {
        Parameters = overrides,
        Quick = parse.GetValue(quick),
        AllowErrors = parse.GetValue(allowErrors),
    });
});
root.Add(runOne);

// torchbook book INPUT_DIR --output DIR
var bookInput = new Argument<string>("INPUT_DIR") { Description = "Folder of executed notebooks (the output of `torchbook run`)." };
var bookOutput = new Option<string>("--output", "-o") { Description = "Folder for the static site.", DefaultValueFactory = _ => Path.Combine("output", "book") };
var book = new Command("book", "Write a static HTML book (index and one page per notebook) from executed notebooks.") { bookInput, bookOutput };
book.SetAction(parse => BookCommand.Run(parse.GetValue(bookInput)!, parse.GetValue(bookOutput)!));
root.Add(book);
root.Add(KernelCommand.Create()); // torchbook kernel [install | uninstall | --connection-file FILE]

// Ctrl+C is handled by the commands themselves (children stop their cell and save what ran).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

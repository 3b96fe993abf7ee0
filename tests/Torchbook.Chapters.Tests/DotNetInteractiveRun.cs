using System.Diagnostics;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>
/// One chapter run, unmodified and in quick mode (<c>TORCHBOOK_QUICK=1</c>), in the real .NET Interactive
/// Jupyter kernel: <c>jupyter nbconvert --to notebook --execute</c> with the <c>.net-csharp</c>
/// kernelspec of the Microsoft.dotnet-interactive tool that <c>./build.sh test</c> installs into
/// output/tools. The kernelspec goes into a temporary JUPYTER_PATH and every Jupyter folder is a
/// temporary one, so nothing is written to the user's Jupyter or dotnet folders.
/// </summary>
public sealed class DotNetInteractiveRun
{
    /// <summary>The tool version the build installs (build.sh's DOTNET_INTERACTIVE_VERSION).</summary>
    public const string ToolVersion = "1.0.712001";

    private static readonly Lazy<string> JupyterHome = new(InstallKernelspec);

    private DotNetInteractiveRun(string name, Notebook executed, string console, TimeSpan elapsed)
    {
        Name = name;
        Executed = executed;
        Console = console;
        Elapsed = elapsed;
    }

    public string Name { get; }

    /// <summary>The notebook nbconvert wrote.</summary>
    public Notebook Executed { get; }

    /// <summary>What nbconvert and the kernel printed.</summary>
    public string Console { get; }

    public TimeSpan Elapsed { get; }

    public static string ToolFolder => Path.Combine(RepositoryPaths.Root, "output", "tools", "dotnet-interactive");

    /// <summary>
    /// Runs <paramref name="notebookPath"/> under nbconvert into a new temporary folder, with the kernelspec
    /// <paramref name="kernelName"/> found in <paramref name="jupyterPath"/> (default: the tool's own
    /// kernelspecs, installed once into a temporary folder).
    /// </summary>
    public static DotNetInteractiveRun Execute(string notebookPath, string kernelName = ".net-csharp", string? jupyterPath = null, TimeSpan? limit = null)
    {
        var source = Path.GetFullPath(notebookPath);
        var output = Directory.CreateTempSubdirectory("torchbook-dni-").FullName;
        var (exit, console, elapsed) = Run("jupyter",
            ["nbconvert", "--to", "notebook", "--execute", "--allow-errors",
             $"--ExecutePreprocessor.kernel_name={kernelName}", "--ExecutePreprocessor.timeout=600",
             "--output-dir", output, source],
            Path.GetDirectoryName(source)!, limit ?? ChapterRun.DefaultLimit, quick: true, jupyterPath);
        var executedPath = Path.Combine(output, Path.GetFileName(source));
        if (exit != 0 || !File.Exists(executedPath))
            throw new Xunit.Sdk.XunitException($"jupyter nbconvert --execute of {Path.GetFileName(source)} exited with {exit} after {elapsed.TotalSeconds:0} s and wrote no notebook:\n{console}");
        var executed = NotebookJson.Load(executedPath);
        Directory.Delete(output, recursive: true);
        return new DotNetInteractiveRun(Path.GetFileName(source), executed, console, elapsed);
    }

    private static string InstallKernelspec()
    {
        var home = Directory.CreateTempSubdirectory("torchbook-jupyter-").FullName;
        InstallKernelspecs(home);
        return home;
    }

    /// <summary>The tool's own <c>jupyter install --path JUPYTER_PATH/kernels</c> (.NET's C#, F# and PowerShell kernelspecs).</summary>
    public static void InstallKernelspecs(string jupyterPath)
    {
        var tool = Path.Combine(ToolFolder, OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive");
        if (!File.Exists(tool))
            throw new InvalidOperationException($"the .NET Interactive tool {ToolVersion} is not installed at {tool}: `./build.sh test` installs it (it needs the NuGet feed once).");
        var kernels = Path.Combine(jupyterPath, "kernels");
        Directory.CreateDirectory(kernels);
        var (exit, console, _) = Run(tool, ["jupyter", "install", "--path", kernels], jupyterPath, TimeSpan.FromMinutes(2), quick: false, jupyterPath);
        if (exit != 0 || !File.Exists(Path.Combine(kernels, ".net-csharp", "kernel.json")))
            throw new InvalidOperationException($"`dotnet-interactive jupyter install --path {kernels}` failed ({exit}):\n{console}");
    }

    private static (int Exit, string Console, TimeSpan Elapsed) Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit, bool quick, string? jupyterHome = null)
    {
        var home = jupyterHome ?? JupyterHome.Value;
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The kernelspec runs `dotnet interactive`, which the dotnet command finds as dotnet-interactive on PATH.
        start.Environment["PATH"] = ToolFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["JUPYTER_PATH"] = home;
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(home, "config");
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(home, "data");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(home, "runtime");
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (quick) start.Environment["TORCHBOOK_QUICK"] = "1";
        else start.Environment.Remove("TORCHBOOK_QUICK");

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"killed after {limit.TotalMinutes:0} min\n{stdout.Result}\n{stderr.Result}", clock.Elapsed);
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result, clock.Elapsed);
    }
}

using System.Diagnostics;

namespace Torchbook.Tests.Shared;

/// <summary>Runs a script of data-scripts/ as a learner would, with its own data folder (linked into the test projects that test the scripts).</summary>
internal static class DataScript
{
    /// <summary>
    /// Runs <c>bash data-scripts/<paramref name="script"/></c> with TORCHBOOK_DATA = <paramref name="dataFolder"/> and the
    /// extra <paramref name="environment"/>; returns its exit code and what it printed (stdout, then stderr).
    /// </summary>
    public static (int code, string output) Run(string script, string dataFolder, IDictionary<string, string>? environment = null, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "data-scripts", script));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["TORCHBOOK_DATA"] = dataFolder;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The folder holding Torchbook.slnx above the test's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Torchbook.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the tests run outside the repository: cannot find data-scripts/");
    }
}

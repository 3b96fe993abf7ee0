using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Torchbook.Kernel.Tests.Support;

/// <summary>Runs one of the python scripts in clients/ and parses the JSON it prints last.</summary>
public static class ClientScript
{
    public static string ClientsDirectory => Path.Combine(AppContext.BaseDirectory, "clients");

    public static JsonElement Run(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 60)
    {
        var (exitCode, stdout, stderr) = RunProcess(Prerequisites.Python, [Path.Combine(ClientsDirectory, script), .. arguments], environment, timeoutSeconds);
        if (exitCode != 0)
            throw new InvalidOperationException($"{script} exited with {exitCode}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
                   ?? throw new InvalidOperationException($"{script} printed nothing.\nstderr:\n{stderr}");
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    /// <summary>Runs a process with a hard timeout (killing its whole tree) and returns what it printed.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunProcess(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 60, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? ClientsDirectory,
        };
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran past {timeoutSeconds}s.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

using System.Diagnostics;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>A fact that needs Debian's /usr/bin/python3 with torch; skipped, with the reason, where
/// there is none.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    static readonly Lazy<string?> Missing = new(FindMissing);

    public PythonTorchFactAttribute()
    {
        if (Missing.Value is string reason) Skip = reason;
    }

    static string? FindMissing()
    {
        if (!File.Exists(Python)) return $"{Python} is not installed (apt-get install python3-torch)";
        try
        {
            var (code, _, error) = PythonRunner.Run(["-c", "import torch"], TimeSpan.FromSeconds(60));
            return code == 0 ? null : $"{Python} cannot import torch (apt-get install python3-torch): {error.Trim()}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"{Python} could not be run: {e.Message}";
        }
    }
}

static class PythonRunner
{
    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(PythonTorchFactAttribute.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}

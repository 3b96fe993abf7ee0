using System.Diagnostics;
using Xunit;

namespace Torchbook.Kernel.Tests.Support;

/// <summary>What the integration tests need from the machine, probed once.</summary>
public static class Prerequisites
{
    public const string Python = "/usr/bin/python3";
    public const string Chromium = "/usr/bin/chromium";

    private static readonly Lazy<string?> JupyterMissing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install python3-jupyter-client; build.sh installs it)";
        return ProbePython("import jupyter_client, zmq")
            ? null
            : "python3-jupyter-client is not installed (apt-get install python3-jupyter-client; build.sh installs it)";
    });

    private static readonly Lazy<string?> NbconvertMissing = new(() =>
        JupyterMissing.Value ?? (ProbePython("import nbconvert, nbclient") ? null : "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert)"));

    private static readonly Lazy<string?> NotebookServerMissing = new(() =>
        JupyterMissing.Value
        ?? (ProbePython("import notebook") ? null : "the classic notebook server is not installed (apt-get install jupyter-notebook)")
        ?? (File.Exists(Chromium) ? null : $"{Chromium} is missing (apt-get install chromium)"));

    public static string? JupyterClientMissingReason => JupyterMissing.Value;
    public static string? NbconvertMissingReason => NbconvertMissing.Value;
    public static string? NotebookServerMissingReason => NotebookServerMissing.Value;

    private static bool ProbePython(string statement)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", statement]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null) return false;
            if (!process.WaitForExit(20_000)) { process.Kill(true); return false; }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs /usr/bin/python3 with jupyter_client; skipped with the reason otherwise.</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (Prerequisites.JupyterClientMissingReason is { } reason) Skip = reason;
    }
}

/// <summary>A fact that needs jupyter nbconvert.</summary>
public sealed class NbconvertFactAttribute : FactAttribute
{
    public NbconvertFactAttribute()
    {
        if (Prerequisites.NbconvertMissingReason is { } reason) Skip = reason;
    }
}

/// <summary>A fact that needs the classic notebook server and chromium.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Prerequisites.NotebookServerMissingReason is { } reason) Skip = reason;
    }
}

using System.Text;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Installed once as <see cref="Console.Out"/> and <see cref="Console.Error"/>: writes from a running
/// cell (any thread it started) go to that cell's sink as a stdout or stderr stream; other writes go
/// to the process's original console.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly object InstallGate = new();
    private static bool s_installed;
    private static TextWriter s_fallbackOut = Console.Out;
    private static TextWriter s_fallbackError = Console.Error;

    private readonly string _streamName;
    private readonly Func<TextWriter> _fallback;

    private ConsoleRouter(string streamName, Func<TextWriter> fallback)
    {
        _streamName = streamName;
        _fallback = fallback;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Routes the console through cells from now on (idempotent).</summary>
    public static void Install()
    {
        lock (InstallGate)
        {
            if (s_installed) return;
            s_fallbackOut = Console.Out;
            s_fallbackError = Console.Error;
            Console.SetOut(new ConsoleRouter("stdout", () => s_fallbackOut));
            Console.SetError(new ConsoleRouter("stderr", () => s_fallbackError));
            s_installed = true;
        }
    }

    /// <summary>Where writes outside any cell go (the runner's child sends its own stdout elsewhere).</summary>
    public static void SetFallback(TextWriter stdout, TextWriter stderr)
    {
        Install();
        s_fallbackOut = stdout;
        s_fallbackError = stderr;
    }

    /// <summary>Writes to the process's stderr, bypassing cells.</summary>
    public static void WriteToFallbackError(string text) => s_fallbackError.Write(text);

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (CellContext.Current is { } cell) cell.Sink.OnStream(_streamName, value);
        else _fallback().Write(value);
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void WriteLine() => Write("\n");

    public override void Flush()
    {
        if (CellContext.Current is null) _fallback().Flush();
    }
}

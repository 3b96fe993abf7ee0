using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Editor services over the session's state (what earlier cells declared is known), answered by
/// the C# kernel's language services: completions and hover, with UTF-16 offsets.
/// </summary>
public sealed partial class NotebookSession
{
    /// <summary>
    /// Completions for <paramref name="code"/> (a cell not yet run) at <paramref name="cursor"/> (a UTF-16
    /// offset): members after a dot, otherwise the names in scope, filtered by the word being typed.
    /// </summary>
    public async Task<CompletionResult> GetCompletionsAsync(string code, int cursor, CancellationToken cancellation = default)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        await _prologue;
        var result = await _kernel.SendAsync(new RequestCompletions(code, ToLinePosition(code, cursor), CSharpKernelName), cancellation);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var items = result.Events.OfType<CompletionsProduced>()
            .SelectMany(e => e.Completions)
            // FilterText is the bare name; InsertText is a snippet ("Add($1)").
            .Select(c => new CompletionItem(string.IsNullOrEmpty(c.FilterText) ? c.DisplayText : c.FilterText, c.Kind ?? "",
                string.IsNullOrWhiteSpace(c.Documentation) ? c.DisplayText : c.Documentation.Trim()))
            .Where(c => c.Label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(c => c.Label, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(c => c.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new CompletionResult(start, cursor, items);
    }

    /// <summary>The symbol under <paramref name="cursor"/>, or null.</summary>
    public async Task<HoverResult?> GetHoverAsync(string code, int cursor, CancellationToken cancellation = default)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        await _prologue;
        var result = await _kernel.SendAsync(new RequestHoverText(code, ToLinePosition(code, cursor), CSharpKernelName), cancellation);
        if (result.Events.OfType<HoverTextProduced>().FirstOrDefault() is not { } hover) return null;
        var text = hover.Content.FirstOrDefault(c => c.MimeType == "text/markdown")?.Value
            ?? hover.Content.FirstOrDefault()?.Value;
        if (string.IsNullOrWhiteSpace(text)) return null;
        var (signature, documentation) = SplitHover(text);
        return new HoverResult(ToOffset(code, hover.LinePositionSpan.Start), ToOffset(code, hover.LinePositionSpan.End), signature, documentation);
    }

    /// <summary>
    /// Whether <paramref name="code"/> is a complete submission (Jupyter's is_complete_request): false
    /// while a block, string or statement is still open, e.g. <c>for (var i = 0; i &lt; 3; i++) {</c>.
    /// </summary>
    public static bool IsCompleteSubmission(string code) => CellMagic.IsCompleteSubmission(code);

    /// <summary>The kernel's hover markdown: the signature (in a code block or on the first line), then the documentation (quoted with "> ").</summary>
    private static (string Signature, string? Documentation) SplitHover(string markdown)
    {
        var lines = markdown.Replace("\r", "").Split('\n').ToList();
        var fenced = lines.FindIndex(l => l.StartsWith("```", StringComparison.Ordinal));
        if (fenced >= 0)
        {
            var close = lines.FindIndex(fenced + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (close > fenced)
            {
                var signature = string.Join("\n", lines.Skip(fenced + 1).Take(close - fenced - 1)).Trim();
                var rest = string.Join("\n", lines.Skip(close + 1)).Trim();
                return (signature, Unquote(rest));
            }
        }
        var text = markdown.Trim();
        var newline = text.IndexOf('\n');
        return newline < 0 ? (text, null) : (text[..newline].Trim(), Unquote(text[(newline + 1)..]));
    }

    private static string? Unquote(string markdown)
    {
        var lines = markdown.Replace("\r", "").Split('\n').Select(l => l.StartsWith('>') ? l[1..].TrimStart() : l);
        var text = string.Join("\n", lines).Trim();
        return text.Length > 0 ? text : null;
    }

    internal static LinePosition ToLinePosition(string code, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (code[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return new LinePosition(line, offset - lineStart);
    }

    internal static int ToOffset(string code, LinePosition position)
    {
        var offset = 0;
        for (var line = 0; line < position.Line && offset < code.Length; offset++)
        {
            if (code[offset] == '\n') line++;
        }
        return Math.Min(code.Length, offset + position.Character);
    }
}

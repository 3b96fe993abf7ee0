using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Torchbook.Notebooks.Execution;

/// <summary>Polyglot Notebooks' kernel-selector first line (<c>#!csharp</c>, <c>#!c#</c>, <c>#!C#</c>) and what a cell becomes before the kernel runs it.</summary>
internal static class CellMagic
{
    private static readonly string[] CSharpMagics = ["#!csharp", "#!c#", "#!C#"];

    private static readonly CSharpParseOptions ScriptParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>
    /// The code with a C# selector line blanked with spaces (offsets and line numbers unchanged); null when the first line is
    /// another magic (<c>#!fsharp</c>, <c>#!time</c>, ...).
    /// </summary>
    public static string? Strip(string code)
    {
        var start = 0;
        while (start < code.Length && code[start] is ' ' or '\t' or '\r' or '\n') start++;
        if (start + 1 >= code.Length || code[start] != '#' || code[start + 1] != '!') return code;
        var end = code.IndexOf('\n', start);
        var line = (end < 0 ? code[start..] : code[start..end]).Trim();
        if (!CSharpMagics.Contains(line, StringComparer.Ordinal)) return null;
        var lineEnd = end < 0 ? code.Length : end;
        return code[..start] + new string(' ', lineEnd - start) + code[lineEnd..];
    }

    /// <summary>
    /// What the kernel runs: C# with interruption checks inserted (<see cref="CooperativeCancellationRewriter"/>);
    /// a cell that starts with another magic goes to the kernel unchanged, which runs or refuses it.
    /// </summary>
    public static string PrepareForKernel(string code) =>
        Strip(code) is { } csharp ? CooperativeCancellationRewriter.Rewrite(csharp, ScriptParseOptions) : code;

    /// <summary>Whether <paramref name="code"/> is a complete C# submission (Jupyter's is_complete_request).</summary>
    public static bool IsCompleteSubmission(string code) =>
        SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(Strip(code) ?? code, ScriptParseOptions));
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Torchbook.Kernel.Language;

/// <summary>
/// is_complete_request: does the code end a submission (the engine's judgement, Roslyn's
/// IsCompleteSubmission after the cell magic line), or does the console need more lines, and how
/// far should the next one be indented?
/// </summary>
public static class SubmissionCompleteness
{
    private static readonly CSharpParseOptions ScriptOptions =
        new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Returns ("complete", "") or ("incomplete", indent for the next line).</summary>
    public static (string Status, string Indent) Check(string code)
    {
        if (Torchbook.Notebooks.Execution.NotebookSession.IsCompleteSubmission(code)) return ("complete", "");
        return ("incomplete", new string(' ', 4 * OpenBraceDepth(CSharpSyntaxTree.ParseText(code, ScriptOptions))));
    }

    private static int OpenBraceDepth(SyntaxTree tree)
    {
        var depth = 0;
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.OpenBraceToken)) depth++;
            else if (token.IsKind(SyntaxKind.CloseBraceToken) && !token.IsMissing) depth = Math.Max(0, depth - 1);
        }
        return depth;
    }
}

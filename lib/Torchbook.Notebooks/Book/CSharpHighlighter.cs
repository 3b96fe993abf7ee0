using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Torchbook.Notebooks.Book;

/// <summary>
/// C# to HTML with syntax colours and no JavaScript: Roslyn's tokens and trivia are classified
/// (keywords, strings, numbers, comments, directives such as <c>#r</c>) into
/// <c>&lt;span class="k|s|n|c|d"&gt;</c>. The text is reproduced exactly.
/// </summary>
public static class CSharpHighlighter
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Identifiers that read as keywords in notebook code.</summary>
    private static readonly HashSet<string> ContextualKeywords =
        ["var", "async", "await", "yield", "nameof", "record", "init", "get", "set", "when", "dynamic", "value", "with", "required", "global", "not", "and", "or"];

    public static string ToHtml(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, Options).GetRoot();
        var html = new StringBuilder(code.Length * 2);
        foreach (var token in root.DescendantTokens(descendIntoTrivia: false))
        {
            AppendTrivia(html, token.LeadingTrivia);
            Append(html, Classify(token), token.Text);
            AppendTrivia(html, token.TrailingTrivia);
        }
        return html.ToString();
    }

    private static string? Classify(SyntaxToken token)
    {
        var kind = token.Kind();
        if (SyntaxFacts.IsKeywordKind(kind)) return "k";
        switch (kind)
        {
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.CharacterLiteralToken:
            case SyntaxKind.InterpolatedStringStartToken:
            case SyntaxKind.InterpolatedStringEndToken:
            case SyntaxKind.InterpolatedStringTextToken:
            case SyntaxKind.InterpolatedVerbatimStringStartToken:
            case SyntaxKind.InterpolatedRawStringEndToken:
            case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
            case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                return "s";
            case SyntaxKind.NumericLiteralToken:
                return "n";
            case SyntaxKind.IdentifierToken when ContextualKeywords.Contains(token.Text) && IsUsedAsKeyword(token):
                return "k";
            default:
                return null;
        }
    }

    private static bool IsUsedAsKeyword(SyntaxToken token) =>
        token.Text switch
        {
            // `var x = ...` and `await x`: a variable named var/await is rare enough to ignore.
            "var" or "await" or "async" or "nameof" or "dynamic" => true,
            _ => SyntaxFacts.GetContextualKeywordKind(token.Text) != SyntaxKind.None && token.Parent is not Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax,
        };

    private static void AppendTrivia(StringBuilder html, SyntaxTriviaList trivia)
    {
        foreach (var t in trivia)
        {
            var kind = t.Kind();
            var cls = kind switch
            {
                SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia
                    or SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia => "c",
                _ when t.IsDirective || kind is SyntaxKind.ShebangDirectiveTrivia or SyntaxKind.DisabledTextTrivia => "d",
                _ => null,
            };
            Append(html, cls, t.ToFullString());
        }
    }

    private static void Append(StringBuilder html, string? cls, string text)
    {
        if (text.Length == 0) return;
        var encoded = WebUtility.HtmlEncode(text);
        if (cls is null) html.Append(encoded);
        else html.Append("<span class=\"").Append(cls).Append("\">").Append(encoded).Append("</span>");
    }
}

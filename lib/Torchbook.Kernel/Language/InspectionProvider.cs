using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Torchbook.Kernel.Execution;

namespace Torchbook.Kernel.Language;

/// <summary>What inspect_request shows: the symbol's signature and its documentation summary.</summary>
public sealed record Inspection(string Signature, string? Summary, string Kind)
{
    public string PlainText => Summary is null ? Signature : $"{Signature}\n\n{Summary}";

    public string Markdown => $"```csharp\n{Signature}\n```" + (Summary is null ? "" : $"\n\n{Summary}");
}

/// <summary>
/// inspect_request: the symbol under (or just before) the cursor, resolved with Roslyn against the
/// session, shown with its full signature and XML doc summary.
/// </summary>
public sealed class InspectionProvider(ISessionLanguageContext context)
{
    private static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.CSharpErrorMessageFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType |
                           SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
                              SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut)
        .WithKindOptions(SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword);

    public Inspection? Inspect(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var compilation = context.CompileNextSubmission(code);
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();

        foreach (var position in new[] { cursor, cursor - 1 })
        {
            if (position < 0 || position >= code.Length && position != 0) continue;
            var token = root.FindToken(Math.Min(position, Math.Max(0, code.Length - 1)));
            // On "(" of a call, inspect the method being called.
            var node = token.IsKind(SyntaxKind.OpenParenToken) && token.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax call }
                ? call.Expression
                : token.Parent;
            if (node is null) continue;
            if (Resolve(model, node) is var (symbol, overloads) && symbol is not null)
            {
                var signature = symbol.ToDisplayString(SignatureFormat) + (overloads > 1 ? $" (+{overloads - 1} overloads)" : "");
                return new Inspection(signature, XmlDocumentation.Summary(symbol, compilation), symbol.Kind.ToString());
            }
        }
        return null;
    }

    /// <summary>The symbol at or around a node; for a method group without a call, the first overload and how many there are.</summary>
    private static (ISymbol? Symbol, int Overloads) Resolve(SemanticModel model, SyntaxNode node)
    {
        for (var current = node; current is not null and not StatementSyntax and not CompilationUnitSyntax; current = current.Parent)
        {
            var info = model.GetSymbolInfo(current);
            if (info.Symbol is { } exact) return (exact, 1);
            if (!info.CandidateSymbols.IsEmpty) return (info.CandidateSymbols[0], info.CandidateSymbols.Length);
            if (model.GetDeclaredSymbol(current) is { } declared) return (declared, 1);
            if (current is ExpressionSyntax and not LiteralExpressionSyntax && model.GetTypeInfo(current).Type is { TypeKind: not TypeKind.Error } type)
                return (type, 1);
        }
        return (null, 0);
    }
}

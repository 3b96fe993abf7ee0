using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Torchbook.Kernel.Execution;

namespace Torchbook.Kernel.Language;

/// <summary>One completion candidate: the text to insert and what it is.</summary>
public sealed record CompletionItem(string Text, string Kind, string Signature);

/// <summary>The matches for a cursor and the span (UTF-16 indices) they replace.</summary>
public sealed record CompletionResult(int Start, int End, IReadOnlyList<CompletionItem> Items);

/// <summary>
/// complete_request: names visible at the cursor (or members after a dot), from Roslyn's semantic
/// model of the cell compiled as the session's next submission, filtered by the typed prefix.
/// </summary>
public sealed class CompletionProvider(ISessionLanguageContext context)
{
    private static readonly string[] Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "record", "ref", "return", "sbyte",
        "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true",
        "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "var", "virtual", "void",
        "volatile", "while", "yield",
    ];

    public CompletionResult Complete(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];

        var compilation = context.CompileNextSubmission(code);
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);

        var (symbols, memberAccess) = CandidateSymbols(model, tree, start);
        var items = symbols
            .Where(s => s.CanBeReferencedByName && !s.IsImplicitlyDeclared && !s.Name.StartsWith('<') && !s.Name.StartsWith("Submission#"))
            .Where(s => s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Name)
            .Select(g => new CompletionItem(g.Key, KindOf(g.First()), g.First().ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))
            .ToList();
        if (!memberAccess && prefix.Length > 0)
            items.AddRange(Keywords.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && items.All(i => i.Text != k))
                .Select(k => new CompletionItem(k, "keyword", k)));
        items.Sort((a, b) =>
        {
            // Exact-case prefix matches first, then alphabetical.
            var ac = a.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1;
            var bc = b.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1;
            return ac != bc ? ac - bc : string.Compare(a.Text, b.Text, StringComparison.OrdinalIgnoreCase);
        });
        return new CompletionResult(start, cursor, items);
    }

    private static (IEnumerable<ISymbol> Symbols, bool MemberAccess) CandidateSymbols(SemanticModel model, SyntaxTree tree, int start)
    {
        var root = tree.GetRoot();
        var before = start > 0 ? root.FindToken(start - 1) : default;
        if (before.IsKind(SyntaxKind.DotToken))
        {
            ExpressionSyntax? left = before.Parent switch
            {
                MemberAccessExpressionSyntax m => m.Expression,
                QualifiedNameSyntax q => q.Left,
                _ => null,
            };
            if (left is not null) return (MembersOf(model, left, start), true);
        }
        return (model.LookupSymbols(start), false);
    }

    private static IEnumerable<ISymbol> MembersOf(SemanticModel model, ExpressionSyntax left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol;
        if (symbol is INamespaceSymbol ns) return ns.GetMembers();
        if (symbol is ITypeSymbol typeName) return model.LookupStaticMembers(position, typeName);
        var type = model.GetTypeInfo(left).Type;
        if (type is null or IErrorTypeSymbol) return [];
        return model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic);
    }

    private static string KindOf(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "method",
        IPropertySymbol => "property",
        IFieldSymbol { IsConst: true } => "constant",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        ILocalSymbol or IParameterSymbol => "variable",
        INamespaceSymbol => "namespace",
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
        INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
        INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
        INamedTypeSymbol => "class",
        _ => symbol.Kind.ToString().ToLowerInvariant(),
    };
}

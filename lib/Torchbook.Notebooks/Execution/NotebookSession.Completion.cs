using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Torchbook.Notebooks.Execution;

/// <summary>Editor services over the session's state (what earlier cells declared is known): completions and hover.</summary>
public sealed partial class NotebookSession
{
    private Script<object>? _emptyScript;

    /// <summary>
    /// Completions for <paramref name="code"/> (a cell not yet run) at <paramref name="cursor"/> (a UTF-16
    /// offset): members after a dot, otherwise the names in scope, filtered by the word being typed.
    /// </summary>
    public Task<CompletionResult> GetCompletionsAsync(string code, int cursor, CancellationToken cancellation = default) =>
        Task.Run(() => Complete(code, Math.Clamp(cursor, 0, code.Length)), cancellation);

    /// <summary>The symbol under <paramref name="cursor"/>, or null.</summary>
    public Task<HoverResult?> GetHoverAsync(string code, int cursor, CancellationToken cancellation = default) =>
        Task.Run(() => Hover(code, Math.Clamp(cursor, 0, code.Length)), cancellation);

    /// <summary>
    /// Whether <paramref name="code"/> is a complete submission (Jupyter's is_complete_request): false
    /// while a block, string or statement is still open, e.g. <c>for (var i = 0; i &lt; 3; i++) {</c>.
    /// </summary>
    public static bool IsCompleteSubmission(string code) =>
        SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(CellMagic.Strip(code) ?? code,
            new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script)));

    private (SemanticModel Model, SyntaxNode Root) Analyze(string code)
    {
        var source = CellMagic.Strip(code) ?? new string(' ', code.Length);
        var previous = (Script?)_state?.Script ?? (_emptyScript ??= CSharpScript.Create<object>("", _scriptOptions, typeof(NotebookGlobals), _loader));
        var compilation = previous.ContinueWith(source, _scriptOptions).GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree.GetRoot());
    }

    private CompletionResult Complete(string code, int cursor)
    {
        var (model, root) = Analyze(code);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];

        IEnumerable<ISymbol> symbols;
        var beforeWord = start - 1;
        while (beforeWord >= 0 && char.IsWhiteSpace(code[beforeWord])) beforeWord--;
        if (beforeWord >= 0 && code[beforeWord] == '.'
            && root.FindToken(beforeWord).Parent is MemberAccessExpressionSyntax access)
        {
            symbols = MembersOf(model, access.Expression, start);
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }

        var items = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Name)
            .Select(g => g.First())
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new CompletionItem(s.Name, KindOf(s), s.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))
            .ToList();
        return new CompletionResult(start, cursor, items);
    }

    private static IEnumerable<ISymbol> MembersOf(SemanticModel model, ExpressionSyntax expression, int position)
    {
        var symbol = model.GetSymbolInfo(expression).Symbol;
        if (symbol is INamespaceSymbol ns) return ns.GetMembers();
        if (symbol is ITypeSymbol staticType) return model.LookupStaticMembers(position, staticType);
        var type = model.GetTypeInfo(expression).Type;
        return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { ReducedFrom: not null });
    }

    private HoverResult? Hover(string code, int cursor)
    {
        var (model, root) = Analyze(code);
        var token = root.FindToken(Math.Max(0, cursor == code.Length ? cursor - 1 : cursor));
        if (!token.IsKind(SyntaxKind.IdentifierToken) && cursor > 0) token = root.FindToken(cursor - 1);
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is null) return null;
        var symbol = model.GetSymbolInfo(token.Parent).Symbol
            ?? model.GetSymbolInfo(token.Parent).CandidateSymbols.FirstOrDefault()
            ?? model.GetDeclaredSymbol(token.Parent);
        if (symbol is null) return null;
        string? summary = null;
        try
        {
            var xml = symbol.GetDocumentationCommentXml();
            if (!string.IsNullOrWhiteSpace(xml)) summary = XElement.Parse(xml).Element("summary")?.Value.Trim();
        }
        catch (System.Xml.XmlException)
        {
            // documentation is a nicety
        }
        return new HoverResult(token.SpanStart, token.Span.End, symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat), summary);
    }

    private static string KindOf(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "Method",
        IPropertySymbol => "Property",
        IFieldSymbol { IsConst: true } => "Constant",
        IFieldSymbol => "Field",
        IEventSymbol => "Event",
        ILocalSymbol => "Local",
        IParameterSymbol => "Parameter",
        INamespaceSymbol => "Namespace",
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => "Interface",
        INamedTypeSymbol { TypeKind: TypeKind.Struct } => "Struct",
        INamedTypeSymbol { TypeKind: TypeKind.Enum } => "Enum",
        INamedTypeSymbol => "Class",
        _ => symbol.Kind.ToString(),
    };
}

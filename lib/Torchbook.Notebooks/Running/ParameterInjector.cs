using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Running;

/// <summary>A parameter that cannot be applied; the message says which and why.</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>
/// Papermill-style parameters for C# notebooks. The cell tagged <c>parameters</c> declares the
/// knobs (<c>int epochs = 5;</c>, <c>var lr = 0.01;</c>); overrides go into a new cell tagged
/// <c>injected-parameters</c> right after it, redeclaring each overridden variable with a C# literal
/// of the declared type. (Quick mode is not an override: the parameters cell itself reads
/// <c>TORCHBOOK_QUICK</c>, so that it works in every host; see <see cref="NotebookRunOptions.Quick"/>.)
/// </summary>
public static class ParameterInjector
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>The notebook metadata section where a run records its quick flag and parameters.</summary>
    public const string MetadataSection = "torchbook";

    /// <summary>Parses <c>name=value</c> arguments (the value may contain '=').</summary>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
                throw new ParameterException($"'-p {assignment}' is not of the form name=value (for example -p epochs=2).");
            var name = assignment[..eq].Trim();
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ParameterException($"'-p {assignment}': '{name}' is not a C# identifier.");
            result[name] = assignment[(eq + 1)..];
        }
        return result;
    }

    /// <summary>
    /// Removes an earlier injected cell and, when there are overrides, inserts a new one after the
    /// parameters cell. Returns the injected cell, or null when there was nothing to inject.
    /// </summary>
    /// <exception cref="ParameterException">No parameters cell, a name it does not declare, or a value that is not of its type.</exception>
    public static NotebookCell? Inject(Notebook notebook, IReadOnlyDictionary<string, string> overrides) =>
        Inject(notebook, overrides, ignoreWithoutParametersCell: false, out _);

    /// <summary>
    /// As <see cref="Inject(Notebook, IReadOnlyDictionary{string, string})"/>; with
    /// <paramref name="ignoreWithoutParametersCell"/>, a notebook without a parameters cell runs
    /// unchanged and <paramref name="warning"/> says so (papermill warns there too). A name the
    /// parameters cell does not declare is always an error: it is most likely a typo.
    /// </summary>
    public static NotebookCell? Inject(Notebook notebook, IReadOnlyDictionary<string, string> overrides, bool ignoreWithoutParametersCell, out string? warning)
    {
        warning = null;
        notebook.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        if (overrides.Count == 0) return null;

        var index = notebook.Cells.FindIndex(c => c.CellType == CellType.Code && c.HasTag(ParametersTag));
        if (index < 0)
        {
            var problem = $"no code cell is tagged '{ParametersTag}', so {string.Join(", ", overrides.Keys)} cannot be set; tag the cell that declares them (cell metadata \"tags\": [\"parameters\"]).";
            if (!ignoreWithoutParametersCell) throw new ParameterException(problem);
            warning = problem + " It ran with its own values.";
            return null;
        }

        var declared = DeclaredParameters(notebook.Cells[index].Source);
        var source = new StringBuilder("// Parameters injected by torchbook run -p\n");
        foreach (var (name, text) in overrides)
        {
            if (!declared.TryGetValue(name, out var type))
                throw new ParameterException($"'{name}' is not declared in the parameters cell; it declares: {(declared.Count == 0 ? "nothing" : string.Join(", ", declared.Keys))}.");
            source.Append(type).Append(' ').Append(name).Append(" = ").Append(Literal(name, type, text)).Append(";\n");
        }

        var cell = new NotebookCell(CellType.Code, source.ToString().TrimEnd('\n'));
        cell.AddTag(InjectedTag);
        PolyglotMetadata.MarkCSharpCell(cell);
        notebook.Cells.Insert(index + 1, cell);
        return cell;
    }

    /// <summary>Variables the parameters cell declares, with their C# type (inferred from the literal for <c>var</c>).</summary>
    public static IReadOnlyDictionary<string, string> DeclaredParameters(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (LocalDeclarationStatementSyntax or FieldDeclarationSyntax)) continue;
            if (declaration.Ancestors().Any(a => a is BaseMethodDeclarationSyntax or TypeDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)) continue;
            foreach (var variable in declaration.Variables)
            {
                var type = declaration.Type.IsVar ? InferType(variable.Initializer?.Value) : declaration.Type.ToString();
                if (type is not null) result[variable.Identifier.Text] = type;
            }
        }
        return result;
    }

    private static string? InferType(ExpressionSyntax? value) => value switch
    {
        PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken } negative => InferType(negative.Operand),
        ParenthesizedExpressionSyntax p => InferType(p.Expression),
        LiteralExpressionSyntax literal => literal.Token.Value switch
        {
            int => "int",
            long => "long",
            uint => "uint",
            ulong => "ulong",
            double => "double",
            float => "float",
            decimal => "decimal",
            bool => "bool",
            string => "string",
            char => "char",
            _ => null,
        },
        _ => null,
    };

    /// <summary>The C# literal of <paramref name="text"/> as a <paramref name="type"/>.</summary>
    public static string Literal(string name, string type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        string Bad(string expected) => throw new ParameterException($"parameter '{name}' is declared {type}; '{text}' is not {expected}.");
        var t = text.Trim();
        switch (type)
        {
            case "string" or "String" or "System.String":
                return SymbolDisplay.FormatLiteral(text, quote: true);
            case "bool" or "Boolean" or "System.Boolean":
                return bool.TryParse(t, out var b) ? (b ? "true" : "false") : Bad("true or false");
            case "int" or "Int32" or "System.Int32":
                return int.TryParse(t, NumberStyles.Integer, invariant, out var i) ? i.ToString(invariant) : Bad("an int");
            case "long" or "Int64" or "System.Int64":
                return long.TryParse(t, NumberStyles.Integer, invariant, out var l) ? l.ToString(invariant) + "L" : Bad("a long");
            case "uint":
                return uint.TryParse(t, NumberStyles.Integer, invariant, out var ui) ? ui.ToString(invariant) + "U" : Bad("a uint");
            case "ulong":
                return ulong.TryParse(t, NumberStyles.Integer, invariant, out var ul) ? ul.ToString(invariant) + "UL" : Bad("a ulong");
            case "double" or "Double" or "System.Double":
                if (!double.TryParse(t, NumberStyles.Float, invariant, out var d)) return Bad("a number");
                return double.IsNaN(d) ? "double.NaN" : double.IsInfinity(d) ? (d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity") : d.ToString("R", invariant) + "d";
            case "float" or "Single" or "System.Single":
                if (!float.TryParse(t, NumberStyles.Float, invariant, out var f)) return Bad("a number");
                return float.IsNaN(f) ? "float.NaN" : float.IsInfinity(f) ? (f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity") : f.ToString("R", invariant) + "f";
            case "decimal" or "Decimal" or "System.Decimal":
                return decimal.TryParse(t, NumberStyles.Float, invariant, out var m) ? m.ToString(invariant) + "m" : Bad("a number");
            case "char":
                return text.Length == 1 ? SymbolDisplay.FormatLiteral(text[0], quote: true) : Bad("one character");
            default:
                throw new ParameterException($"parameter '{name}' is declared {type}; -p supports int, long, uint, ulong, double, float, decimal, bool, char and string.");
        }
    }
}

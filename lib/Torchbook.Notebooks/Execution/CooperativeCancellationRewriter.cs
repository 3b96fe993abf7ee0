using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Makes a cell stoppable: inserts <c>CellInterrupt.Check();</c> at the start of every loop body
/// (while, do, for, foreach) and every block-bodied method, local function, accessor, constructor and
/// lambda. The inserted text has no line breaks, so compile errors keep their line numbers.
/// </summary>
internal sealed class CooperativeCancellationRewriter : CSharpSyntaxRewriter
{
    private const string CheckCall = "global::Torchbook.Notebooks.Execution.CellInterrupt.Check();";

    /// <summary>The cell's code with checks inserted; the code unchanged when it does not parse.</summary>
    public static string Rewrite(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText(code, options);
        var root = tree.GetRoot();
        if (root.ContainsDiagnostics && tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return code; // let the compiler report the real errors on the real text
        }
        return new CooperativeCancellationRewriter().Visit(root).ToFullString();
    }

    private static StatementSyntax NewCheck() =>
        SyntaxFactory.ParseStatement(CheckCall).WithTrailingTrivia(SyntaxFactory.Space);

    private static BlockSyntax WithCheck(BlockSyntax block)
    {
        var statements = block.Statements.Insert(0, NewCheck());
        return block.WithStatements(statements);
    }

    private static StatementSyntax WithCheck(StatementSyntax body)
    {
        if (body is BlockSyntax block) return WithCheck(block);
        // `while (x) y++;` becomes `while (x) { Check(); y++; }` on the same line.
        var leading = body.GetLeadingTrivia();
        var trailing = body.GetTrailingTrivia();
        return SyntaxFactory.Block(NewCheck(), body.WithoutLeadingTrivia().WithoutTrailingTrivia())
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(trailing);
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(WithCheck(body)) : visited;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return visited.Body is { } body ? visited.WithBody(WithCheck(body)) : visited;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(WithCheck(body)) : visited;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(WithCheck(body)) : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } body ? visited.WithBlock(WithCheck(body)) : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } body ? visited.WithBlock(WithCheck(body)) : visited;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(WithCheck(visited.Block));
    }
}

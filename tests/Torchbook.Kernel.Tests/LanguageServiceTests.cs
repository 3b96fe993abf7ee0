using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Language;
using Xunit;

namespace Torchbook.Kernel.Tests;

/// <summary>Completion, inspection and completeness against a real notebook session.</summary>
public sealed class LanguageServiceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("torchbook-lang-").FullName;
    private readonly NotebookSessionExecutor _executor;

    public LanguageServiceTests()
    {
        _executor = new NotebookSessionExecutor(_directory);
    }

    public void Dispose()
    {
        _executor.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Run(string code)
    {
        var outcome = _executor.Execute(code, 1, new DiscardOutputs(), CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error?.Value);
    }

    private Torchbook.Notebooks.Execution.CompletionResult Complete(string code) => _executor.Complete(code, code.Length);

    [Fact]
    public void Completion_sees_variables_and_types_from_earlier_cells()
    {
        Run("var learningRate = 0.01;\nrecord Point(int X, int Y);");
        var result = Complete("learn");
        Assert.Equal(0, result.ReplaceStart);
        Assert.Contains(result.Items, i => i.Label == "learningRate" && i.Kind is "Field" or "Local");
        Assert.Contains(Complete("Poi").Items, i => i.Label == "Point");
    }

    [Fact]
    public void Completion_after_a_dot_lists_members_of_the_expression_type()
    {
        Run("string greeting = \"hi\";");
        var result = Complete("greeting.To");
        Assert.Equal("greeting.".Length, result.ReplaceStart);
        var names = result.Items.Select(i => i.Label).ToList();
        Assert.Contains("ToUpper", names);
        Assert.Contains("ToLowerInvariant", names);
        Assert.DoesNotContain("Length", names);
        Assert.Contains("Sqrt", Complete("Math.Sq").Items.Select(i => i.Label));
        Assert.Contains("Generic", Complete("System.Collections.Gen").Items.Select(i => i.Label));
    }

    [Fact]
    public void Completion_knows_the_notebook_globals_and_unknown_prefixes_find_nothing()
    {
        Assert.Contains("display", Complete("disp").Items.Select(i => i.Label));
        Assert.Empty(Complete("zzqx").Items);
    }

    [Fact]
    public void Completion_ignores_cells_that_did_not_compile()
    {
        var outcome = _executor.Execute("var notDefined = 1; int broken = ;", 1, new DiscardOutputs(), CancellationToken.None);
        Assert.False(outcome.Succeeded);
        Assert.DoesNotContain("notDefined", Complete("notDef").Items.Select(i => i.Label));
    }

    [Fact]
    public void Inspection_shows_signature_and_documentation()
    {
        Run("/// <summary>How fast we learn.</summary>\nstatic double Rate(int epoch) => 0.1 / epoch;");
        var writeLine = _executor.Inspect("Console.WriteLine", "Console.Write".Length);
        Assert.NotNull(writeLine);
        Assert.Contains("Console.WriteLine", writeLine.Signature);
        Assert.Contains("Writes", writeLine.Summary);  // from the framework's XML docs
        Assert.Contains("overloads)", writeLine.Signature);  // a method group: Console.WriteLine has many
        var call = _executor.Inspect("Console.WriteLine(42)", "Console.WriteLine(".Length);
        Assert.NotNull(call);
        Assert.Contains("int value", call.Signature);  // the overload chosen for the argument

        var rate = _executor.Inspect("Rate(3)", 2);
        Assert.NotNull(rate);
        Assert.Contains("double", rate.Signature);
        Assert.Contains("int epoch", rate.Signature);

        Assert.Null(_executor.Inspect("   ", 1));
    }

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) {", "incomplete", "    ")]
    [InlineData("if (true) {\n  if (false) {", "incomplete", "        ")]
    [InlineData("Console.WriteLine(1,", "incomplete", "")]
    [InlineData("var s = \"abc", "incomplete", "")]
    [InlineData("var s = \"\"\"\nraw", "incomplete", "")]
    [InlineData("var y = 1;", "complete", "")]
    [InlineData("y + 1", "complete", "")]
    [InlineData("class C { }", "complete", "")]
    [InlineData("#!csharp\nif (true) {", "incomplete", "    ")]
    public void Is_complete_follows_the_syntax(string code, string status, string indent)
    {
        var (actualStatus, actualIndent) = SubmissionCompleteness.Check(code);
        Assert.Equal(status, actualStatus);
        Assert.Equal(indent, actualIndent);
    }

    [Fact]
    public void Code_point_offsets_convert_to_utf16_indices_around_surrogate_pairs()
    {
        const string text = "a😀b";  // the emoji is two UTF-16 units, one code point
        Assert.Equal(3, CodePoints.ToUtf16Index(text, 2));
        Assert.Equal(2, CodePoints.FromUtf16Index(text, 3));
        Assert.Equal(4, CodePoints.ToUtf16Index(text, 10));
    }

    private sealed class DiscardOutputs : ICellOutputs
    {
        public void Stream(string name, string text) { }
        public void Display(System.Text.Json.Nodes.JsonObject data, System.Text.Json.Nodes.JsonObject metadata, string? displayId, bool update) { }
    }
}

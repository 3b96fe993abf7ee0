using Torchbook.Notebooks.Execution;
using Xunit;

namespace Torchbook.Notebooks.Tests;

public sealed class CompletionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torchbook-complete-").FullName;
    private readonly NotebookSession _session;

    public CompletionTests() => _session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = _dir });

    public void Dispose()
    {
        _session.Dispose();
        Directory.SetCurrentDirectory(Path.GetTempPath());
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Members_after_a_dot_include_those_of_earlier_cells_variables()
    {
        await _session.ExecuteAsync("var learningRate = 0.1; var words = new List<string>();", NullOutputSink.Instance);
        var code = "words.Ad";
        var result = await _session.GetCompletionsAsync(code, code.Length);
        Assert.Equal(6, result.ReplaceStart);
        Assert.Contains(result.Items, i => i.Label == "Add" && i.Kind == "Method");
        Assert.Contains(result.Items, i => i.Label == "AddRange");
        Assert.DoesNotContain(result.Items, i => i.Label == "Count");
    }

    [Fact]
    public async Task Names_in_scope_match_the_typed_prefix()
    {
        await _session.ExecuteAsync("var learningRate = 0.1;", NullOutputSink.Instance);
        var result = await _session.GetCompletionsAsync("var x = learn", 13);
        Assert.Contains(result.Items, i => i.Label == "learningRate");
    }

    [Fact]
    public async Task Static_members_after_a_type_name()
    {
        var result = await _session.GetCompletionsAsync("Math.", 5);
        Assert.Contains(result.Items, i => i.Label == "Sqrt");
    }

    [Fact]
    public async Task Hover_shows_the_symbol()
    {
        var hover = await _session.GetHoverAsync("Math.Sqrt(2)", 6);
        Assert.NotNull(hover);
        Assert.Contains("Math.Sqrt(double d)", hover!.Signature);
        Assert.Contains("square root", hover.Documentation);
    }

    [Theory]
    [InlineData("var x = 1;", true)]
    [InlineData("x + 1", true)]
    [InlineData("for (var i = 0; i < 3; i++) {", false)]
    [InlineData("var s = \"open", false)]
    public void Complete_submissions_are_recognised(string code, bool complete) =>
        Assert.Equal(complete, NotebookSession.IsCompleteSubmission(code));
}

using System.Text.Json.Nodes;
using Torchbook.Notebooks.Model;
using Torchbook.Notebooks.Running;
using Xunit;
using static Torchbook.Notebooks.Tests.TestNotebooks;

namespace Torchbook.Notebooks.Tests;

public sealed class ParameterInjectorTests
{
    [Fact]
    public void Declared_types_come_from_declarations_and_literals()
    {
        var declared = ParameterInjector.DeclaredParameters("int epochs = 5;\nvar lr = 0.01;\nvar name = \"x\";\nvar big = 3L;\nfloat f = 1f;\nvar on = true;\nvar neg = -2;");
        Assert.Equal(new Dictionary<string, string>
        {
            ["epochs"] = "int", ["lr"] = "double", ["name"] = "string", ["big"] = "long", ["f"] = "float", ["on"] = "bool", ["neg"] = "int",
        }, declared);
    }

    [Fact]
    public void Injected_cell_follows_the_parameters_cell_with_typed_literals()
    {
        var notebook = Create(Markdown("# T"), Code("int epochs = 5;\nvar lr = 0.01;\nstring name = \"a\";", "parameters"), Code("epochs"));
        var cell = ParameterInjector.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "2", ["lr"] = "1e-3", ["name"] = "say \"hi\"" });
        Assert.Same(cell, notebook.Cells[2]);
        Assert.True(cell!.HasTag("injected-parameters"));
        Assert.Contains("int epochs = 2;", cell.Source);
        Assert.Contains("double lr = 0.001d;", cell.Source);
        Assert.Contains("string name = \"say \\\"hi\\\"\";", cell.Source);
        Assert.Equal("csharp", cell.Metadata["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
    }

    [Fact]
    public void A_second_injection_replaces_the_first()
    {
        var notebook = Create(Code("int epochs = 5;", "parameters"), Code("epochs"));
        ParameterInjector.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "2" });
        ParameterInjector.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "3" });
        Assert.Single(notebook.Cells, c => c.HasTag("injected-parameters"));
        Assert.Contains("epochs = 3", notebook.Cells[1].Source);
    }

    [Theory]
    [InlineData("epochs", "two", "is declared int; 'two' is not an int")]
    [InlineData("missing", "1", "'missing' is not declared in the parameters cell; it declares: epochs")]
    public void Bad_overrides_say_what_is_wrong(string name, string value, string message)
    {
        var notebook = Create(Code("int epochs = 5;", "parameters"));
        var e = Assert.Throws<ParameterException>(() => ParameterInjector.Inject(notebook, new Dictionary<string, string> { [name] = value }));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Overrides_without_a_parameters_cell_are_refused()
    {
        var e = Assert.Throws<ParameterException>(() => ParameterInjector.Inject(Create(Code("1")), new Dictionary<string, string> { ["x"] = "1" }));
        Assert.Contains("no code cell is tagged 'parameters'", e.Message);
    }

    [Theory]
    [InlineData("epochs")]
    [InlineData("=3")]
    [InlineData("9x=3")]
    public void Malformed_assignments_are_refused(string assignment) =>
        Assert.Throws<ParameterException>(() => ParameterInjector.ParseAssignments([assignment]));

    [Fact]
    public void Values_may_contain_equals_signs() =>
        Assert.Equal("a=b", ParameterInjector.ParseAssignments(["name=a=b"])["name"]);
}

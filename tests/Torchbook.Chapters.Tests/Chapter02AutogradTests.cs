using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter02Run() : ChapterFixture("02-autograd.ipynb");

/// <summary>notebooks/02-autograd.ipynb in quick mode: no errors, PyTorch's gradients and messages, PyTorch's graph pictures.</summary>
public sealed class Chapter02AutogradTests(Chapter02Run chapter) : IClassFixture<Chapter02Run>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly JsonNode _golden = Goldens.Chapter("02-autograd.json");

    private ExecutedNotebook Notebook => chapter.Notebook;

    private static bool HasClass(XElement e, string cls) => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true;

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(Notebook);

    /// <summary>
    /// PyTorch's text of a computed tensor as repr() prints it: TorchSharp 0.107 exposes no grad_fn,
    /// so "grad_fn=&lt;AddBackward0&gt;" reads "requires_grad=True" (the values stay PyTorch's).
    /// </summary>
    private static string WithoutGradFn(string pytorch)
    {
        var text = Regex.Replace(pytorch, @"grad_fn=<\w+>", "requires_grad=True");
        Assert.NotEqual(pytorch, text);
        return text;
    }

    /// <summary>The node labels PyTorchGraph draws for a golden graph: the output's and the leaves' names, the functions' names.</summary>
    private static List<string> NodeLabels(JsonNode graph) => graph["nodes"]!.AsArray().Select(n =>
    {
        var kind = (string)n![0]!;
        var name = (string)n[1]!;
        return kind == "function" ? name : (string)n[2]!;
    }).ToList();

    private static List<string> DrawnLabels(XElement svg) =>
        svg.Descendants(Svg + "text").Where(t => HasClass(t, "node-label")).Select(t => t.Value).ToList();

    private static string Title(XElement svg) =>
        svg.Descendants(Svg + "text").Where(t => HasClass(t, "chart-title") && t.Ancestors(Svg + "svg").First() == svg).Select(t => t.Value).Single();

    [Fact]
    public void The_network_prints_pytorchs_logits_and_loss()
    {
        var cell = Notebook.Cell("network");
        Assert.Contains("z    = " + WithoutGradFn(_golden.Text("z")), cell.Text);
        Assert.Contains("loss = " + WithoutGradFn(_golden.Text("loss")), cell.Text);
    }

    [Fact]
    public void Leaves_and_results_are_told_apart()
    {
        var text = Notebook.Cell("leaves").Text;
        Assert.Matches(new Regex(@"w\s+is_leaf True\s+requires_grad True"), text);
        Assert.Matches(new Regex(@"b\s+is_leaf True\s+requires_grad True"), text);
        Assert.Matches(new Regex(@"x\s+is_leaf True\s+requires_grad False"), text);
        Assert.Matches(new Regex(@"z\s+is_leaf False\s+requires_grad True"), text);
        Assert.Matches(new Regex(@"loss\s+is_leaf False\s+requires_grad True"), text);
    }

    [Fact]
    public void Gradients_of_w_and_b_are_pytorchs()
    {
        var cell = Notebook.Cell("gradients");
        Assert.Contains("w.grad:\n" + _golden.Text("w_grad"), cell.Text);
        Assert.Contains("b.grad:\n" + _golden.Text("b_grad"), cell.Text);
        var byHand = Notebook.Cell("by-hand").Text;
        Assert.Contains("matches b.grad: True", byHand);
        Assert.Contains("outer(x, dz) matches w.grad: True", byHand);
    }

    [Fact]
    public void The_graph_picture_is_pytorchs_graph_of_the_chapters_loss_captioned_as_pytorchs()
    {
        // TorchSharp 0.107 exposes no grad_fn: the cell draws the graph PyTorch recorded (graphs.json),
        // which must be the one PyTorch records for the chapter's own lines (the chapter golden's "graph").
        var svg = ChapterAssert.Svg(Notebook.Cell("graph"));
        Assert.Equal("graph", (string?)svg.Attribute("data-kind"));
        var expected = _golden["graph"]!;
        Assert.Equal(["loss", "BinaryCrossEntropyWithLogitsBackward0", "AddBackward0", "SqueezeBackward3", "b", "MmBackward0", "w"], NodeLabels(expected));
        Assert.Equal(NodeLabels(expected), DrawnLabels(svg));
        var edges = expected["edges"]!.AsArray().Select(e => ((string)e![0]!, (string)e[1]!)).ToHashSet();
        var drawn = svg.Descendants(Svg + "g").Where(g => HasClass(g, "edge"))
            .Select(g => ((string)g.Attribute("data-from")!, (string)g.Attribute("data-to")!)).ToHashSet();
        Assert.Equal(edges, drawn);
        Assert.Contains("PyTorch", Title(svg));
        // The prose says why the picture is PyTorch's.
        Assert.Contains(Notebook.Notebook.Cells, c => c.CellType == CellType.Markdown && c.Source.Contains("does not expose `grad_fn`"));
    }

    [Fact]
    public void A_second_backward_says_to_retain_the_graph_and_retained_gradients_add_up()
    {
        Assert.Contains(_golden.Text("second_backward_error"), Notebook.Cell("retain-graph-error").Text);
        Assert.Contains("after two backwards: b.grad = " + _golden.Text("b_grad_twice"), Notebook.Cell("retain-graph").Text);
    }

    [Fact]
    public void Zero_grad_experiment_matches_pytorch_and_draws_both_curves()
    {
        var cell = Notebook.Cell("zero-grad");
        int steps = QuickSteps();
        var curves = _golden["zero_grad_losses"]!;
        double With(string key) => (double)curves[key]![steps - 1]!;
        Assert.Equal(With("with"), ChapterAssert.Number(cell, @"last loss with zero_grad\(\):\s+([0-9.]+)"), 4);
        Assert.Equal(With("without"), ChapterAssert.Number(cell, @"last loss without zero_grad\(\):\s+([0-9.]+)"), 4);
        var svg = ChapterAssert.Svg(cell);
        var legend = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("zero_grad() every step", legend);
        Assert.Contains("gradients never zeroed", legend);
    }

    [Fact]
    public void No_grad_and_detach_stop_recording()
    {
        var text = Notebook.Cell("no-grad").Text;
        Assert.Matches(new Regex(@"tracked\.requires_grad\s+= True"), text);
        Assert.Matches(new Regex(@"inside no_grad\(\):\s+False"), text);
        Assert.Matches(new Regex(@"tracked\.detach\(\):\s+False, is_leaf True"), text);
    }

    [Fact]
    public void Control_flow_gives_two_graphs_and_gradients_of_two_to_the_doublings()
    {
        var cell = Notebook.Cell("control-flow");
        var small = _golden["control_flow_small"]!;
        var large = _golden["control_flow_large"]!;
        Assert.Contains($"small input doubled {small["doublings"]} times: gradient {small.Text("grad")}", cell.Text);
        Assert.Contains($"large input doubled once: gradient {large.Text("grad")}", cell.Text);
        // The pictures are PyTorch's graphs of the same function and inputs (TorchSharp 0.107 has no grad_fn).
        var grid = ChapterAssert.Svg(cell);
        Assert.Contains("PyTorch", Title(grid));
        var graphs = grid.Descendants(Svg + "svg").Where(s => (string?)s.Attribute("data-kind") == "graph").ToList();
        Assert.Equal(2, graphs.Count);
        int Multiplications(XElement g) => g.Descendants(Svg + "text").Count(t => HasClass(t, "node-label") && t.Value == "MulBackward0");
        Assert.Equal((int)small["doublings"]!, Multiplications(graphs[0]));
        Assert.Equal((int)large["doublings"]!, Multiplications(graphs[1]));
    }

    /// <summary>The steps the quick run used: the notebook's own quick value.</summary>
    private int QuickSteps() => ChapterAssert.QuickValue(Notebook, "steps");
}

using System.Text.Json.Nodes;
using System.Xml.Linq;
using Torchbook;
using Torchbook.Plots;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Torchbook.Tests;

/// <summary>
/// AutogradGraph against PyTorch: the same expressions walked by tests/parity/make_chapter_goldens.py
/// (tests/goldens/autograd/graphs.json) must give the same nodes, names, shapes and edges.
/// </summary>
public class AutogradGraphTests
{
    private static readonly JsonNode Golden = JsonNode.Parse(File.ReadAllText(GoldenPath))!;

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Torchbook.slnx"))) return dir.FullName;
            throw new InvalidOperationException("no Torchbook.slnx above the test folder");
        }
    }

    private static string GoldenPath => Path.Combine(RepositoryRoot, "tests", "goldens", "autograd", "graphs.json");

    /// <summary>An ignored folder for pictures people look at.</summary>
    private static string ArtifactFolder => Directory.CreateDirectory(Path.Combine(RepositoryRoot, "output", "test-artifacts")).FullName;

    private static void AssertMatchesPyTorch(string golden, AutogradGraph graph)
    {
        var expected = Golden[golden]!;
        var nodes = expected["nodes"]!.AsArray();
        Assert.Equal(nodes.Count, graph.Nodes.Count);
        for (int i = 0; i < nodes.Count; i++)
        {
            var g = nodes[i]!.AsArray();
            var n = graph.Nodes[i];
            var where = $"{golden}: node {i} ({n})";
            Assert.True(((string)g[0]!) == n.Kind.ToString().ToLowerInvariant(), where);
            Assert.True((string)g[1]! == n.Name, where);
            Assert.True((string?)g[2] == n.TensorName, where);
            var shape = g[3] is JsonArray s ? s.Select(v => (long)v!).ToArray() : null;
            Assert.True(shape is null ? n.Shape is null : n.Shape is not null && shape.SequenceEqual(n.Shape), where);
        }
        var edges = expected["edges"]!.AsArray().Select(e => new AutogradEdge((string)e![0]!, (string)e[1]!, (int)e[2]!)).ToList();
        Assert.Equal(edges, graph.Edges);
    }

    private static (Tensor W, Tensor B, Tensor Z, Tensor Loss) OneLayerNetwork()
    {
        manual_seed(0);
        var x = ones(5);
        var y = zeros(3);
        var w = randn(5, 3, requires_grad: true);
        var b = randn(3, requires_grad: true);
        var z = matmul(x, w) + b;
        return (w, b, z, binary_cross_entropy_with_logits(z, y));
    }

    [Fact]
    public void One_layer_network_has_pytorchs_nodes_and_named_leaves()
    {
        var (w, b, z, loss) = OneLayerNetwork();
        var graph = loss.ToGradGraph("loss", ("w", w), ("b", b), ("z", z));
        AssertMatchesPyTorch("one_layer", graph);
        Assert.Equal(["BinaryCrossEntropyWithLogitsBackward0", "AddBackward0", "SqueezeBackward3", "MmBackward0"], graph.Functions.Select(f => f.ShortName));
        Assert.Equal("Autograd graph of loss: 4 backward functions, 2 leaves", graph.ToString());
    }

    [Fact]
    public void A_tensor_used_twice_gives_one_edge_counted_twice()
    {
        var w = randn(5, 3, requires_grad: true);
        AssertMatchesPyTorch("square_sum", (w * w).sum().ToGradGraph("q", ("w", w)));
    }

    [Fact]
    public void A_shared_intermediate_is_one_node_reached_twice_and_named()
    {
        var x = randn(3, requires_grad: true);
        var a = x.exp();
        AssertMatchesPyTorch("shared", (a * 2 + a.sin()).mean().ToGradGraph("out", ("x", x), ("a", a)));
    }

    [Fact]
    public void A_models_parameters_are_named_as_named_parameters_names_them()
    {
        var model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2));
        var loss = cross_entropy(model.forward(randn(5, 4)), tensor(new long[] { 0, 1, 1, 0, 1 }));
        var graph = loss.ToGradGraph("loss", model);
        AssertMatchesPyTorch("mlp", graph);
        // For people to look at: a graph with a fan-out, a long edge and transposes.
        graph.ToChart("two-layer perceptron").SavePng(Path.Combine(ArtifactFolder, "autograd-mlp.png"));
    }

    [Fact]
    public void A_loop_in_the_forward_pass_gives_one_node_per_iteration()
    {
        var v = tensor(new[] { 0.5f, 0.5f }, requires_grad: true);
        var h = v * 2;
        while (h.norm().item<float>() < 10) h = h * 2;
        AssertMatchesPyTorch("dynamic_small", h.sum().ToGradGraph("sum", ("v", v)));
    }

    [Fact]
    public void A_leaf_is_a_graph_of_one_box()
    {
        var p = randn(2, 2, requires_grad: true);
        var graph = p.ToGradGraph("p");
        AssertMatchesPyTorch("leaf_output", graph);
        Assert.Single(graph.ToChart().Nodes);
    }

    [Fact]
    public void The_picture_has_a_box_per_node_with_pytorchs_names_and_the_leaves_shapes()
    {
        var (w, b, _, loss) = OneLayerNetwork();
        var svg = XDocument.Parse(Autograd.Draw(loss, "loss", "the loss", ("w", w), ("b", b)).ToSvg()).Root!;
        var boxes = svg.Descendants(Ns + "g").Where(g => Has(g, "node")).ToList();
        Assert.Equal(7, boxes.Count);
        Assert.Equal(["loss", "BinaryCrossEntropyWithLogitsBackward0", "AddBackward0", "SqueezeBackward3", "b", "MmBackward0", "w"],
            Texts(svg, "node-label"));
        var leafW = boxes.Single(g => Texts(g, "node-label").SequenceEqual(["w"]));
        Assert.True(Has(leafW, "node-input"));
        Assert.Equal(["[5, 3]"], Texts(leafW, "node-detail"));
        Assert.True(Has(boxes[0], "node-output"));
        Assert.Equal(6, svg.Descendants(Ns + "g").Count(g => Has(g, "edge")));
        Assert.Equal(["the loss"], Texts(svg, "chart-title"));
    }

    [Fact]
    public void A_repeated_input_is_labelled_on_its_arrow_and_in_the_text()
    {
        var w = randn(2, requires_grad: true);
        var graph = (w * w).sum().ToGradGraph("q", ("w", w));
        var svg = XDocument.Parse(graph.ToChart().ToSvg()).Root!;
        Assert.Equal(["×2"], Texts(svg, "edge-label"));
        Assert.Equal("q []\n  SumBackward0\n    MulBackward0\n      AccumulateGrad -> w [2] (x2)", graph.ToText());
    }

    [Fact]
    public void In_a_notebook_the_graph_shows_as_its_picture_and_its_text()
    {
        var w = randn(2, requires_grad: true);
        var graph = w.exp().sum().ToGradGraph("s", ("w", w));
        var formatters = new AutogradGraphFormatterSource().CreateTypeFormatters().Cast<Torchbook.Formatting.TypeFormatter<AutogradGraph>>().ToList();
        string Format(string mime)
        {
            var writer = new StringWriter();
            Assert.True(formatters.Single(f => f.MimeType == mime).Format(graph, writer));
            return writer.ToString();
        }
        Assert.Contains("<svg", Format("text/html"));
        Assert.Contains("data-kind=\"graph\"", Format("text/html"));
        Assert.StartsWith("Autograd graph of s: 2 backward functions, 1 leaves\ns []\n  SumBackward0", Format("text/plain"));
    }

    [Fact]
    public void A_tensor_without_a_graph_is_explained()
    {
        var plain = ones(3) * 2;
        var e = Assert.Throws<InvalidOperationException>(() => plain.ToGradGraph("doubled"));
        Assert.Contains("doubled does not require grad", e.Message);
        Assert.Contains("no_grad()", e.Message);
        var w = ones(3, requires_grad: true);
        using (no_grad())
        {
            var untracked = w * 2;
            Assert.Throws<InvalidOperationException>(() => untracked.ToGradGraph());
        }
    }

    [Fact]
    public void Walking_a_graph_under_no_grad_still_finds_the_leaf_names()
    {
        var (w, b, z, loss) = OneLayerNetwork();
        using (no_grad())
            AssertMatchesPyTorch("one_layer", loss.ToGradGraph("loss", ("w", w), ("b", b), ("z", z)));
    }

    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static bool Has(XElement e, string cls) => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true;

    private static List<string> Texts(XElement root, string cls) =>
        root.Descendants(Ns + "text").Where(t => Has(t, cls)).Select(t => t.Value).ToList();
}

using System.Globalization;
using System.Xml.Linq;
using Torchbook.Plots.Graphs;
using Xunit;

namespace Torchbook.Plots.Tests;

public class GraphTests
{
    private static GraphNode N(string id, NodeStyle style = NodeStyle.Plain) => new(id, id, style);

    private static List<XElement> Nodes(XElement svg) => svg.WithClass("node").ToList();

    private static (double X, double Y, double W, double H) Box(XElement node)
    {
        var r = node.Elements(Svg.Ns + "rect").Single();
        return (r.Num("x"), r.Num("y"), r.Num("width"), r.Num("height"));
    }

    [Fact]
    public void Draws_one_box_per_node_with_its_label_lines_and_one_arrow_per_edge()
    {
        var chart = Gallery.ComputationGraph();
        var svg = Svg.Parse(chart);

        Assert.Equal("graph", (string?)svg.Attribute("data-kind"));
        var nodes = Nodes(svg);
        Assert.Equal(7, nodes.Count);
        var w = nodes.Single(n => (string?)n.Attribute("data-id") == "w");
        Assert.True(w.HasClass("node-input"));
        Assert.Equal("w", w.WithClass("node-label").Single().Value);
        Assert.Equal("[5, 3]", w.WithClass("node-detail").Single().Value);
        Assert.Contains("BinaryCrossEntropyWithLogitsBackward0", svg.WithClass("node-label").Select(t => t.Value));
        Assert.True(nodes.Single(n => (string?)n.Attribute("data-id") == "loss").HasClass("node-output"));

        var edges = svg.WithClass("edge").Select(e => ((string)e.Attribute("data-from")!, (string)e.Attribute("data-to")!)).ToList();
        Assert.Equal([("loss", "bce"), ("bce", "add"), ("add", "squeeze"), ("squeeze", "mm"), ("mm", "w"), ("add", "b")], edges);
        Assert.Equal(6, svg.WithClass("arrowhead").Count());
        Assert.Equal("loss.grad_fn and what it leads to", svg.Single("chart-title").Value);
        Assert.Equal("Graph \"loss.grad_fn and what it leads to\": 7 nodes in 6 layers, 6 edges", chart.ToString());
    }

    [Fact]
    public void Layers_follow_the_longest_path_and_arrows_point_down_from_box_to_box()
    {
        var chart = Gallery.ComputationGraph();
        Assert.Equal([["loss"], ["bce"], ["add"], ["squeeze", "b"], ["mm"], ["w"]], chart.Layers.Select(l => l.ToList()).ToList());
        var svg = Svg.Parse(chart);
        var boxes = Nodes(svg).ToDictionary(n => (string)n.Attribute("data-id")!, Box);
        foreach (var edge in svg.WithClass("edge"))
        {
            var from = boxes[(string)edge.Attribute("data-from")!];
            var to = boxes[(string)edge.Attribute("data-to")!];
            var d = (string)edge.WithClass("edge-line").Single().Attribute("d")!;
            var start = d[1..d.IndexOf('C')].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(from.Y + from.H, start[1], 1);                       // leaves the bottom of its source
            Assert.InRange(start[0], from.X, from.X + from.W);
            var tip = (string)edge.WithClass("arrowhead").Single().Attribute("d")!;
            var tipXY = tip[1..tip.IndexOf('L')].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(to.Y, tipXY[1], 1);                                  // the arrow's tip touches the top of its target
            Assert.InRange(tipXY[0], to.X, to.X + to.W);
        }
        // Links of a chain (the only edge out of one box and into the next) are straight vertical lines.
        foreach (var (from, to) in new[] { ("loss", "bce"), ("bce", "add"), ("squeeze", "mm"), ("mm", "w") })
            Assert.Equal(boxes[from].X + boxes[from].W / 2, boxes[to].X + boxes[to].W / 2, 1);
    }

    [Fact]
    public void Boxes_in_a_layer_do_not_overlap_and_long_edges_bend_through_the_layers_between()
    {
        // a -> b -> c -> d, plus a -> d and a -> c: the long edges pass through dummy positions.
        var chart = Plot.Graph([N("a"), N("b"), N("c"), N("d"), N("e"), N("f")],
            [new("a", "b"), new("b", "c"), new("c", "d"), new("a", "d"), new("a", "c"), new("a", "e"), new("a", "f")]);
        var svg = Svg.Parse(chart);
        Assert.Equal([["a"], ["b", "e", "f"], ["c"], ["d"]], chart.Layers.Select(l => l.OrderBy(x => x).ToList()).ToList());
        var boxes = Nodes(svg).ToDictionary(n => (string)n.Attribute("data-id")!, Box);
        foreach (var layer in chart.Layers)
        {
            var row = layer.Select(id => boxes[id]).OrderBy(b => b.X).ToList();
            for (int i = 1; i < row.Count; i++) Assert.True(row[i - 1].X + row[i - 1].W <= row[i].X, "boxes overlap");
        }
        var ad = svg.WithClass("edge").Single(e => (string?)e.Attribute("data-from") == "a" && (string?)e.Attribute("data-to") == "d");
        Assert.Equal(3, ((string)ad.WithClass("edge-line").Single().Attribute("d")!).Count(c => c == 'C')); // a curve per layer crossed
        Assert.Equal(0, chart.Crossings);
    }

    [Fact]
    public void Barycentre_ordering_removes_a_crossing_the_first_order_has()
    {
        // Depth-first order puts y before z in the bottom layer (a's edges are listed y first); then
        // a -> z crosses b -> y. Ordering by the mean position of each vertex's parents fixes it.
        (double, double)[] sizes = [(40, 30), (40, 30), (40, 30), (40, 30), (40, 30), (40, 30)];
        // p=0, q=1, a=2, b=3, y=4, z=5
        (int, int)[] edges = [(0, 2), (1, 3), (2, 4), (2, 5), (3, 4)];
        var unordered = new LayeredLayout(sizes, edges, orderingSweeps: 0);
        Assert.Equal([4, 5], unordered.Layers[2]);
        Assert.Equal(1, unordered.Crossings);

        var ordered = new LayeredLayout(sizes, edges);
        Assert.Equal([5, 4], ordered.Layers[2]);
        Assert.Equal(0, ordered.Crossings);
    }

    [Fact]
    public void An_unavoidable_crossing_is_counted()
    {
        var chart = Plot.Graph([N("a"), N("b"), N("c"), N("d")], [new("a", "c"), new("a", "d"), new("b", "c"), new("b", "d")]);
        Assert.Equal(1, chart.Crossings);
    }

    [Fact]
    public void Isotonic_regression_pools_adjacent_violators()
    {
        var fit = LayeredLayout.IsotonicRegression([1, 3, 2, 4, 0], [1, 1, 1, 1, 1]);
        Assert.Equal([1, 2.25, 2.25, 2.25, 2.25], fit);
        Assert.Equal([1, 2, 3], LayeredLayout.IsotonicRegression([1, 2, 3], [1, 1, 1]));
    }

    [Fact]
    public void Parallel_edges_are_drawn_once_and_labels_are_escaped()
    {
        var chart = Plot.Graph([new("x", "x < y & \"z\"", NodeStyle.Muted), N("m")], [new("m", "x", "×2"), new("m", "x")]);
        var svg = Svg.Parse(chart); // parses: the label was escaped
        Assert.Single(svg.WithClass("edge"));
        Assert.Equal("×2", svg.Single("edge-label").Value);
        Assert.Equal("x < y & \"z\"", svg.WithClass("node-label").Single(t => t.Value.StartsWith('x')).Value);
    }

    [Fact]
    public void Bad_graphs_are_explained()
    {
        Assert.Contains("no nodes", Assert.Throws<ArgumentException>(() => Plot.Graph([], [])).Message);
        Assert.Contains("two nodes have the id \"a\"", Assert.Throws<ArgumentException>(() => Plot.Graph([N("a"), N("a")], [])).Message);
        Assert.Contains("points to \"nope\", which is not a node id",
            Assert.Throws<ArgumentException>(() => Plot.Graph([N("a")], [new("a", "nope")])).Message);
        var cycle = Assert.Throws<ArgumentException>(() => Plot.Graph([N("a"), N("b"), N("c"), N("d")],
            [new("d", "a"), new("a", "b"), new("b", "c"), new("c", "a")]));
        Assert.Contains("the edges form a cycle: ", cycle.Message);
        foreach (var part in new[] { "a -> b", "b -> c", "c -> a" }) Assert.Contains(part, cycle.Message);
    }

    [Fact]
    public void A_huge_graph_is_scaled_to_fit_the_largest_chart()
    {
        var chain = Enumerable.Range(0, 300).Select(i => N($"n{i}")).ToList();
        var chart = Plot.Graph(chain, Enumerable.Range(1, 299).Select(i => new GraphEdge($"n{i - 1}", $"n{i}")));
        Assert.True(chart.Height <= 10000);
        Assert.Contains("scale(", chart.ToSvg());
        Assert.Equal(300, Nodes(Svg.Parse(chart)).Count);
    }

    [Fact]
    public void Plotly_figure_has_a_box_and_a_label_per_node()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Gallery.ComputationGraph().ToPlotlyJson())!;
        Assert.Equal(7, json["layout"]!["shapes"]!.AsArray().Count);
        Assert.Equal(6, json["layout"]!["annotations"]!.AsArray().Count);
        Assert.Contains("w<br>[5, 3]", json["data"]![1]!["text"]!.AsArray().Select(t => (string)t!));
    }
}

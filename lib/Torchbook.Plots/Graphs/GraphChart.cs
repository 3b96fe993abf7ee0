using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Torchbook.Plots.Graphs;
using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

/// <summary>
/// A directed acyclic graph drawn in layers, arrows pointing down: boxes with labels, curved arrows
/// that bend around boxes, the order within each layer chosen to avoid crossings (see
/// <see cref="Plot.Graph"/>). Used for computation graphs (autograd's grad_fn chain), model
/// structures and pipelines. The size follows from the layout.
/// </summary>
public sealed class GraphChart : Chart
{
    private const double Margin = 16;
    private const double TitleBand = 40;
    private const double LabelFont = 12.5;
    private const double DetailFont = 11;
    private const double LineHeight = 16;
    private const double PadX = 12, PadY = 7;
    private const double ArrowLength = 8;
    private const double MaxSide = 10000;

    private readonly List<GraphNode> _nodes;
    private readonly List<GraphEdge> _edges;
    private readonly LayeredLayout _layout;
    private readonly double _scale;

    internal GraphChart(IEnumerable<GraphNode> nodes, IEnumerable<GraphEdge> edges, string? title)
        : base(160, 120)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        _nodes = nodes.ToList();
        if (_nodes.Count == 0) throw new ArgumentException("Plot.Graph: no nodes given; pass at least one GraphNode.", nameof(nodes));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _nodes.Count; i++)
        {
            var node = _nodes[i] ?? throw new ArgumentException($"Plot.Graph: node {i} is null.", nameof(nodes));
            if (node.Id is null) throw new ArgumentException($"Plot.Graph: node {i} has no id.", nameof(nodes));
            if (!index.TryAdd(node.Id, i)) throw new ArgumentException($"Plot.Graph: two nodes have the id \"{node.Id}\"; ids must be unique.", nameof(nodes));
        }
        // Parallel duplicates are drawn once (the first one's label wins).
        _edges = [];
        var pairs = new List<(int, int)>();
        var seen = new HashSet<(int, int)>();
        foreach (var edge in edges)
        {
            if (edge is null) throw new ArgumentException("Plot.Graph: an edge is null.", nameof(edges));
            int from = Find(edge.From, "starts at"), to = Find(edge.To, "points to");
            if (!seen.Add((from, to))) continue;
            _edges.Add(edge);
            pairs.Add((from, to));

            int Find(string id, string verb) => id is not null && index.TryGetValue(id, out var i) ? i
                : throw new ArgumentException($"Plot.Graph: the edge {edge.From} -> {edge.To} {verb} \"{id}\", which is not a node id.", nameof(edges));
        }

        try
        {
            _layout = new LayeredLayout(_nodes.Select(BoxSize).ToList(), pairs);
        }
        catch (CycleException cycle)
        {
            var names = cycle.Cycle.Select(i => _nodes[i].Id).Append(_nodes[cycle.Cycle[0]].Id);
            throw new ArgumentException($"Plot.Graph draws directed acyclic graphs, but the edges form a cycle: {string.Join(" -> ", names)}.", nameof(edges));
        }

        Title = title;
        double naturalW = _layout.Width + 2 * Margin;
        double titleW = string.IsNullOrWhiteSpace(title) ? 0 : TextMetrics.Width(title, Frame.TitleFont) * 1.12 + 24;
        double naturalH = _layout.Height + Margin + TitleTop(title);
        double w = Math.Max(Math.Max(160, titleW), naturalW), h = Math.Max(120, naturalH);
        _scale = Math.Min(1, MaxSide / Math.Max(w, h));
        Width = Math.Max(160, (int)Math.Ceiling(w * _scale));
        Height = Math.Max(120, (int)Math.Ceiling(h * _scale));
    }

    /// <summary>The nodes, in the order given.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>The edges drawn (parallel duplicates removed).</summary>
    public IReadOnlyList<GraphEdge> Edges => _edges;

    /// <summary>Node ids by layer, top to bottom, each layer left to right.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Layers =>
        _layout.Layers.Select(l => (IReadOnlyList<string>)l.Where(v => !_layout.IsDummy(v)).Select(v => _nodes[v].Id).ToList()).ToList();

    /// <summary>How many times two edges cross in the drawing (0 for a tree, and for most small graphs).</summary>
    public int Crossings => _layout.Crossings;

    public override string Describe()
    {
        var t = string.IsNullOrWhiteSpace(Title) ? "" : $" \"{Title}\"";
        return $"Graph{t}: {_nodes.Count} node{(_nodes.Count == 1 ? "" : "s")} in {_layout.LayerCount} layer{(_layout.LayerCount == 1 ? "" : "s")}, " +
               $"{_edges.Count} edge{(_edges.Count == 1 ? "" : "s")}";
    }

    private static double TitleTop(string? title) => string.IsNullOrWhiteSpace(title) ? Margin : TitleBand;

    private static string[] Lines(GraphNode node) => (node.Label ?? "").Replace("\r", "").Split('\n');

    private static (double W, double H) BoxSize(GraphNode node)
    {
        var lines = Lines(node);
        double w = lines.Select((l, i) => i == 0 ? TextMetrics.Width(l, LabelFont) * 1.1 : TextMetrics.Width(l, DetailFont)).Max();
        return (Math.Max(44, w + 2 * PadX), lines.Length * LineHeight + 2 * PadY);
    }

    private static (string Fill, string Stroke, string Text, string? Dash) Colors(NodeStyle style) => style switch
    {
        NodeStyle.Input => ("#dbeafe", "#2563eb", "#0b1f44", null),
        NodeStyle.Output => ("#dcfce7", "#15803d", "#052e16", null),
        NodeStyle.Muted => ("#ffffff", "#9ca3af", "#6b7280", "4 3"),
        _ => ("#f3f4f6", "#6b7280", "#111111", null),
    };

    /// <summary>The drawing's offset inside the chart: centred horizontally, below the title.</summary>
    private (double X, double Y) Origin()
    {
        double innerW = Width / _scale;
        return ((innerW - _layout.Width) / 2, TitleTop(Title));
    }

    /// <summary>For each edge, its points in drawing coordinates: the source's bottom port, the dummies, the target's top port.</summary>
    private List<List<(double X, double Y)>> EdgePoints()
    {
        var (ox, oy) = Origin();
        var routes = _layout.Routes;
        // Spread the ports of a box with several edges along its side, ordered by where the edges go.
        var outPorts = new Dictionary<(int Edge, bool Out), double>();
        void Spread(IEnumerable<(int Edge, int Vertex, int Other)> ends, bool isOut)
        {
            foreach (var group in ends.GroupBy(e => e.Vertex))
            {
                var ordered = group.OrderBy(e => _layout.X[e.Other]).ToList();
                double w = _layout.NodeWidth(group.Key);
                double step = Math.Min(14, (w - 2 * PadX) / Math.Max(1, ordered.Count - 1));
                for (int i = 0; i < ordered.Count; i++)
                    outPorts[(ordered[i].Edge, isOut)] = ordered.Count == 1 ? 0 : (i - (ordered.Count - 1) / 2.0) * step;
            }
        }
        Spread(routes.Select((r, e) => (e, r[0], r[1])), isOut: true);
        Spread(routes.Select((r, e) => (e, r[^1], r[^2])), isOut: false);

        var result = new List<List<(double, double)>>();
        for (int e = 0; e < routes.Count; e++)
        {
            var r = routes[e];
            var points = new List<(double, double)>();
            int s = r[0], t = r[^1];
            points.Add((ox + _layout.X[s] + outPorts[(e, true)], oy + _layout.Y[s] + _layout.NodeHeight(s) / 2));
            for (int i = 1; i < r.Count - 1; i++) points.Add((ox + _layout.X[r[i]], oy + _layout.Y[r[i]]));
            points.Add((ox + _layout.X[t] + outPorts[(e, false)], oy + _layout.Y[t] - _layout.NodeHeight(t) / 2));
            result.Add(points);
        }
        return result;
    }

    internal override string RenderSvg()
    {
        var s = new SvgBuilder(Width, Height, "graph", Title ?? Describe());
        if (_scale < 1) s.Open("zoom", $"transform=\"scale({SvgBuilder.N(_scale)})\"");
        Frame.ChartTitle(s, Title, Width / _scale / 2.0, Width / _scale);
        var (ox, oy) = Origin();

        s.Open("edges");
        var points = EdgePoints();
        for (int e = 0; e < _edges.Count; e++)
        {
            var edge = _edges[e];
            var p = points[e];
            s.Open("edge", $"{SvgBuilder.Attr("data-from", edge.From)} {SvgBuilder.Attr("data-to", edge.To)}");
            // Cubic segments that leave and enter every point vertically, ending where the arrowhead starts.
            var d = new StringBuilder();
            d.Append('M').Append(SvgBuilder.N(p[0].X)).Append(',').Append(SvgBuilder.N(p[0].Y));
            for (int i = 1; i < p.Count; i++)
            {
                var (x0, y0) = p[i - 1];
                var (x1, y1) = p[i];
                if (i == p.Count - 1) y1 -= ArrowLength;
                double mid = (y0 + y1) / 2;
                d.Append('C').Append(SvgBuilder.N(x0)).Append(',').Append(SvgBuilder.N(mid)).Append(' ')
                 .Append(SvgBuilder.N(x1)).Append(',').Append(SvgBuilder.N(mid)).Append(' ')
                 .Append(SvgBuilder.N(x1)).Append(',').Append(SvgBuilder.N(y1));
            }
            s.Raw($"<path class=\"edge-line\" d=\"{d}\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.3\"/>");
            var (tx, ty) = p[^1];
            s.Raw($"<path class=\"arrowhead\" d=\"M{SvgBuilder.N(tx)},{SvgBuilder.N(ty)}L{SvgBuilder.N(tx - 4.5)},{SvgBuilder.N(ty - ArrowLength)}" +
                  $"L{SvgBuilder.N(tx + 4.5)},{SvgBuilder.N(ty - ArrowLength)}Z\" fill=\"#57606a\"/>");
            if (!string.IsNullOrEmpty(edge.Label))
            {
                var (lx, ly) = p.Count > 2 ? p[1] : ((p[0].X + p[1].X) / 2, (p[0].Y + p[1].Y) / 2);
                s.Text(lx + 6, ly, edge.Label, DetailFont, "start", "edge-label", "#57606a", middleBaseline: true, halo: true);
            }
            s.Close();
        }
        s.Close();

        s.Open("nodes");
        for (int v = 0; v < _nodes.Count; v++)
        {
            var node = _nodes[v];
            var (fill, stroke, text, dash) = Colors(node.Style);
            double w = _layout.NodeWidth(v), h = _layout.NodeHeight(v);
            double x = ox + _layout.X[v] - w / 2, y = oy + _layout.Y[v] - h / 2;
            s.Open($"node node-{node.Style.ToString().ToLowerInvariant()}", SvgBuilder.Attr("data-id", node.Id));
            s.Raw($"<title>{SvgBuilder.Escape(node.Label ?? "")}</title>");
            s.Rect(x, y, w, h, fill, stroke, 1.2, "node-box", $"rx=\"6\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}");
            var lines = Lines(node);
            for (int i = 0; i < lines.Length; i++)
            {
                double ly = y + PadY + (i + 0.5) * LineHeight;
                if (i == 0) s.Text(x + w / 2, ly, lines[i], LabelFont, "middle", "node-label", text, "bold", middleBaseline: true);
                else s.Text(x + w / 2, ly, lines[i], DetailFont, "middle", "node-detail", text, middleBaseline: true);
            }
            s.Close();
        }
        s.Close();
        if (_scale < 1) s.Close();
        return s.Finish();
    }

    internal override JsonObject RenderPlotly()
    {
        var (ox, oy) = Origin();
        var points = EdgePoints();
        var ex = new JsonArray();
        var ey = new JsonArray();
        var annotations = new JsonArray();
        foreach (var p in points)
        {
            foreach (var (x, y) in p) { ex.Add(Math.Round(x, 2)); ey.Add(Math.Round(y, 2)); }
            ex.Add(null); ey.Add(null);
            var (tx, ty) = p[^1];
            var (px, py) = p[^2];
            annotations.Add(new JsonObject
            {
                ["x"] = Math.Round(tx, 2), ["y"] = Math.Round(ty, 2), ["ax"] = Math.Round(px, 2), ["ay"] = Math.Round(py, 2),
                ["xref"] = "x", ["yref"] = "y", ["axref"] = "x", ["ayref"] = "y",
                ["showarrow"] = true, ["arrowhead"] = 2, ["arrowcolor"] = "#57606a", ["text"] = "",
            });
        }
        var shapes = new JsonArray();
        var nx = new JsonArray();
        var ny = new JsonArray();
        var labels = new JsonArray();
        for (int v = 0; v < _nodes.Count; v++)
        {
            var (fill, stroke, _, _) = Colors(_nodes[v].Style);
            double cx = ox + _layout.X[v], cy = oy + _layout.Y[v], w = _layout.NodeWidth(v), h = _layout.NodeHeight(v);
            shapes.Add(new JsonObject
            {
                ["type"] = "rect", ["xref"] = "x", ["yref"] = "y",
                ["x0"] = Math.Round(cx - w / 2, 2), ["x1"] = Math.Round(cx + w / 2, 2),
                ["y0"] = Math.Round(cy - h / 2, 2), ["y1"] = Math.Round(cy + h / 2, 2),
                ["fillcolor"] = fill, ["line"] = new JsonObject { ["color"] = stroke }, ["layer"] = "below",
            });
            nx.Add(Math.Round(cx, 2)); ny.Add(Math.Round(cy, 2));
            labels.Add(string.Join("<br>", Lines(_nodes[v])));
        }
        var data = new JsonArray
        {
            new JsonObject { ["type"] = "scatter", ["mode"] = "lines", ["x"] = ex, ["y"] = ey, ["hoverinfo"] = "skip",
                ["line"] = new JsonObject { ["color"] = "#57606a", ["width"] = 1.3 }, ["showlegend"] = false },
            new JsonObject { ["type"] = "scatter", ["mode"] = "text", ["x"] = nx, ["y"] = ny, ["text"] = labels,
                ["hoverinfo"] = "text", ["showlegend"] = false },
        };
        var layout = PlotlyJson.Layout(Title, Width, Height);
        double innerW = Width / _scale, innerH = Height / _scale;
        layout["xaxis"] = new JsonObject { ["visible"] = false, ["range"] = new JsonArray(0, Math.Round(innerW, 2)) };
        layout["yaxis"] = new JsonObject { ["visible"] = false, ["range"] = new JsonArray(Math.Round(innerH, 2), 0), ["scaleanchor"] = "x" };
        layout["shapes"] = shapes;
        layout["annotations"] = annotations;
        layout["margin"] = new JsonObject { ["l"] = 0, ["r"] = 0, ["t"] = string.IsNullOrWhiteSpace(Title) ? 0 : 40, ["b"] = 0 };
        return PlotlyJson.Figure(data, layout);
    }
}

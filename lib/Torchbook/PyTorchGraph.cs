using System.Text.Json.Nodes;
using Torchbook.Plots;

namespace Torchbook;

/// <summary>
/// An autograd graph as PyTorch records it, read from a golden file. TorchSharp 0.107 keeps the graph
/// inside libtorch and exposes no <c>grad_fn</c> or <c>next_functions</c>, so a chapter cannot draw the
/// graph its own tensors recorded; it draws the one PyTorch records for the same lines instead:
/// <c>PyTorchGraph.Load("../tests/goldens/autograd/graphs.json", "one_layer").ToChart("PyTorch's graph of loss")</c>.
/// </summary>
/// <remarks>
/// The file (written by tests/parity/make_chapter_goldens.py) maps a name to
/// <c>{"nodes": [[kind, name, tensor_name, shape], ...], "edges": [[from, to, count], ...]}</c>.
/// The nodes are in breadth-first order from the output's <c>grad_fn</c> through <c>next_functions</c>:
/// the output first (id "output"), then "n1", "n2", ... in the order first reached. A kind is "output",
/// "function" (a backward function) or "leaf" (an AccumulateGrad node, with its tensor's shape).
/// An edge points the way gradients flow; its count is above 1 when an input is used several times.
/// </remarks>
public sealed class PyTorchGraph
{
    private PyTorchGraph(string name, List<PyTorchGraphNode> nodes, List<PyTorchGraphEdge> edges)
    {
        Name = name;
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>The graph's name in the file ("one_layer", "dynamic_small", ...).</summary>
    public string Name { get; }

    /// <summary>The output first, then the backward functions and leaves in breadth-first order.</summary>
    public IReadOnlyList<PyTorchGraphNode> Nodes { get; }

    /// <summary>The edges, from a node to one of its <c>next_functions</c>.</summary>
    public IReadOnlyList<PyTorchGraphEdge> Edges { get; }

    /// <summary>The graph called <paramref name="name"/> in the golden file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="KeyNotFoundException">The file has no graph of that name (the message lists the names it has).</exception>
    public static PyTorchGraph Load(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No graph file at {Path.GetFullPath(path)}: it is written by tests/parity/make_chapter_goldens.py.", path);
        var file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (file[name] is not JsonObject graph)
            throw new KeyNotFoundException($"{path} has no graph \"{name}\"; it has: {string.Join(", ", file.Select(p => p.Key))}.");

        var nodes = new List<PyTorchGraphNode>();
        foreach (var (item, index) in graph["nodes"]!.AsArray().Select((n, i) => (n!.AsArray(), i)))
        {
            var kind = (string)item[0]! switch
            {
                "output" => PyTorchGraphNodeKind.Output,
                "function" => PyTorchGraphNodeKind.Function,
                "leaf" => PyTorchGraphNodeKind.Leaf,
                var other => throw new FormatException($"{path}, graph \"{name}\": unknown node kind \"{other}\"."),
            };
            var shape = item[3] is JsonArray dims ? dims.Select(d => (long)d!).ToArray() : null;
            nodes.Add(new PyTorchGraphNode(index == 0 ? "output" : $"n{index}", kind, (string)item[1]!, (string?)item[2], shape));
        }
        var edges = graph["edges"]!.AsArray()
            .Select(e => new PyTorchGraphEdge((string)e![0]!, (string)e[1]!, (int)e[2]!))
            .ToList();
        return new PyTorchGraph(name, nodes, edges);
    }

    /// <summary>
    /// The picture, drawn like torchviz's <c>make_dot</c>: the output on top (green), each backward
    /// function as a grey box named as <c>grad_fn.name()</c> names it (a named intermediate result
    /// written under it), each leaf as a blue box with its name and shape. Arrows point the way
    /// gradients flow; "×2" marks an input used twice.
    /// </summary>
    public GraphChart ToChart(string? title = null)
    {
        static string Dims(long[]? shape) => shape is null ? "" : $"[{string.Join(", ", shape)}]";
        var nodes = Nodes.Select(n => n.Kind switch
        {
            PyTorchGraphNodeKind.Output => new GraphNode(n.Id, $"{n.TensorName ?? "output"}\n{Dims(n.Shape)}", NodeStyle.Output),
            PyTorchGraphNodeKind.Leaf => new GraphNode(n.Id, n.TensorName is null ? Dims(n.Shape) : $"{n.TensorName}\n{Dims(n.Shape)}", NodeStyle.Input),
            _ => new GraphNode(n.Id, n.TensorName is null ? n.ShortName : $"{n.ShortName}\n→ {n.TensorName}"),
        });
        var edges = Edges.Select(e => new GraphEdge(e.From, e.To, e.Count > 1 ? $"×{e.Count}" : null));
        return Plot.Graph(nodes, edges, title ?? $"PyTorch's autograd graph of {Nodes[0].Name}");
    }

    public override string ToString() =>
        $"PyTorch's autograd graph \"{Name}\": {Nodes.Count(n => n.Kind == PyTorchGraphNodeKind.Function)} backward functions, " +
        $"{Nodes.Count(n => n.Kind == PyTorchGraphNodeKind.Leaf)} leaves";
}

/// <summary>What a node of a <see cref="PyTorchGraph"/> stands for.</summary>
public enum PyTorchGraphNodeKind
{
    /// <summary>The tensor the graph was drawn from.</summary>
    Output,

    /// <summary>A backward function (a <c>grad_fn</c>): AddBackward0, MmBackward0, ...</summary>
    Function,

    /// <summary>A leaf that requires grad, through its AccumulateGrad node.</summary>
    Leaf,
}

/// <summary>A node of a <see cref="PyTorchGraph"/>.</summary>
/// <param name="Id">"output", then "n1", "n2", ... in breadth-first order from the output.</param>
/// <param name="Kind">Output tensor, backward function or leaf.</param>
/// <param name="Name">PyTorch's <c>grad_fn.name()</c> ("AddBackward0", "torch::autograd::AccumulateGrad"); for the output, its tensor's name.</param>
/// <param name="TensorName">The name given to the tensor this node makes or fills, or null.</param>
/// <param name="Shape">The shape of the output or leaf tensor; null for backward functions.</param>
public sealed record PyTorchGraphNode(string Id, PyTorchGraphNodeKind Kind, string Name, string? TensorName, long[]? Shape)
{
    /// <summary>The name without C++ namespaces, as Python prints it: "AccumulateGrad".</summary>
    public string ShortName => Name.Contains("::", StringComparison.Ordinal) ? Name[(Name.LastIndexOf("::", StringComparison.Ordinal) + 2)..] : Name;
}

/// <summary>An edge of a <see cref="PyTorchGraph"/>, the way gradients flow; <paramref name="Count"/> &gt; 1 for an input used several times (x * x).</summary>
public sealed record PyTorchGraphEdge(string From, string To, int Count = 1);

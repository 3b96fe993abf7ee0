using Torchbook.Formatting;
using Torchbook.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>What a node of an <see cref="AutogradGraph"/> stands for.</summary>
public enum AutogradNodeKind
{
    /// <summary>The tensor the graph was drawn from (drawn on top).</summary>
    Output,

    /// <summary>A backward function (a grad_fn): AddBackward0, MmBackward0, ...</summary>
    Function,

    /// <summary>A leaf tensor that requires grad: autograd's AccumulateGrad node, drawn as the tensor it fills.</summary>
    Leaf,
}

/// <summary>A node of an autograd graph.</summary>
/// <param name="Id">Unique in the graph: "output", then "n1", "n2", ... in breadth-first order from the output.</param>
/// <param name="Kind">Output tensor, backward function, or leaf tensor.</param>
/// <param name="Name">PyTorch's <c>grad_fn.name()</c> (e.g. "AddBackward0", "torch::autograd::AccumulateGrad"); for the output, its tensor name.</param>
/// <param name="TensorName">The name given to the tensor this node makes or fills (a parameter's name, the output's), or null.</param>
/// <param name="Shape">The shape of the leaf or output tensor; null for functions.</param>
public sealed record AutogradNode(string Id, AutogradNodeKind Kind, string Name, string? TensorName, long[]? Shape)
{
    /// <summary>The name without C++ namespaces, as Python prints it: "AccumulateGrad".</summary>
    public string ShortName => Name.Contains("::", StringComparison.Ordinal) ? Name[(Name.LastIndexOf("::", StringComparison.Ordinal) + 2)..] : Name;
}

/// <summary>
/// An edge of an autograd graph, in the direction gradients flow: from a node to one of its
/// <c>next_functions</c>. <paramref name="Count"/> &gt; 1 when the same input is used several times (x * x).
/// </summary>
public sealed record AutogradEdge(string From, string To, int Count = 1);

/// <summary>
/// The computation graph autograd recorded for a tensor: the chain of backward functions from its
/// <c>grad_fn</c> through <c>next_functions</c> down to the leaf tensors whose <c>.grad</c> backward()
/// fills. Drawn like torchviz's <c>make_dot</c>: the output tensor on top (green), backward functions
/// named by <c>grad_fn.name()</c> (grey), leaves as boxes with their name and shape (blue).
/// Displaying it in a notebook shows the picture.
/// </summary>
[TypeFormatterSource(typeof(AutogradGraphFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class AutogradGraph
{
    private AutogradGraph(List<AutogradNode> nodes, List<AutogradEdge> edges, string? title)
    {
        Nodes = nodes;
        Edges = edges;
        Title = title;
    }

    /// <summary>The output first, then the functions and leaves in breadth-first order.</summary>
    public IReadOnlyList<AutogradNode> Nodes { get; }

    public IReadOnlyList<AutogradEdge> Edges { get; }

    /// <summary>The title of the drawing (null for none).</summary>
    public string? Title { get; }

    /// <summary>
    /// Walks <paramref name="output"/>'s graph. <paramref name="names"/> names tensors: a leaf's box
    /// shows its name, and a named intermediate result is written under the function that made it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad, so there is no graph.</exception>
    public static AutogradGraph From(Tensor output, string? outputName = null, IEnumerable<(string Name, Tensor Tensor)>? names = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.requires_grad)
            throw new InvalidOperationException(
                $"{outputName ?? "This tensor"} does not require grad, so autograd recorded no graph for it. " +
                "Was it computed under no_grad(), detached, or only from tensors created without requires_grad: true?");

        using var gradMode = enable_grad();
        var nodeNames = NamesByNode(names ?? []);
        var nodes = new List<AutogradNode>();
        var edges = new List<AutogradEdge>();
        string outputLabel = outputName ?? "output";

        var root = output.grad_fn; // disposed with the other nodes of the walk
        if (root is null)
        {
            // The output is itself a leaf: the whole graph is that tensor.
            nodes.Add(new AutogradNode("output", AutogradNodeKind.Output, outputLabel, outputName, output.shape));
            return new AutogradGraph(nodes, edges, title);
        }

        nodes.Add(new AutogradNode("output", AutogradNodeKind.Output, outputLabel, outputName, output.shape));
        var idOf = new Dictionary<long, string>();
        var open = new List<GradFn>();
        try
        {
            var queue = new Queue<GradFn>();
            string Visit(GradFn fn)
            {
                if (idOf.TryGetValue(fn.id, out var known)) { fn.Dispose(); return known; }
                var id = $"n{idOf.Count + 1}";
                idOf[fn.id] = id;
                open.Add(fn);
                queue.Enqueue(fn);
                using var leaf = fn.variable;
                nodeNames.TryGetValue(fn.id, out var tensorName);
                nodes.Add(leaf is null
                    ? new AutogradNode(id, AutogradNodeKind.Function, fn.name(), tensorName, null)
                    : new AutogradNode(id, AutogradNodeKind.Leaf, fn.name(), tensorName, leaf.shape));
                return id;
            }

            edges.Add(new AutogradEdge("output", Visit(root)));
            while (queue.Count > 0)
            {
                var fn = queue.Dequeue();
                var from = idOf[fn.id];
                var targets = new List<string>();
                foreach (var (next, _) in fn.next_functions)
                    if (next is not null) targets.Add(Visit(next));
                foreach (var group in targets.GroupBy(t => t))
                    edges.Add(new AutogradEdge(from, group.Key, group.Count()));
            }
        }
        finally
        {
            foreach (var fn in open) fn.Dispose();
        }
        return new AutogradGraph(nodes, edges, title);
    }

    /// <summary>Maps each named tensor's graph node (its AccumulateGrad for a leaf, its grad_fn otherwise) to the name.</summary>
    private static Dictionary<long, string> NamesByNode(IEnumerable<(string Name, Tensor Tensor)> names)
    {
        var result = new Dictionary<long, string>();
        foreach (var (name, tensor) in names)
        {
            if (tensor is null || !tensor.requires_grad) continue;
            if (tensor.is_leaf)
            {
                // A leaf's AccumulateGrad node is reachable from any op on it: the view's only input.
                using var view = tensor.view_as(tensor);
                using var viewFn = view.grad_fn;
                var accumulate = viewFn?.next_functions.FirstOrDefault().function;
                if (accumulate is null) continue;
                result.TryAdd(accumulate.id, name);
                accumulate.Dispose();
            }
            else
            {
                using var fn = tensor.grad_fn;
                if (fn is not null) result.TryAdd(fn.id, name);
            }
        }
        return result;
    }

    /// <summary>Backward functions in the graph (AccumulateGrad nodes excluded).</summary>
    public IEnumerable<AutogradNode> Functions => Nodes.Where(n => n.Kind == AutogradNodeKind.Function);

    /// <summary>Leaf tensors whose gradient backward() accumulates.</summary>
    public IEnumerable<AutogradNode> Leaves => Nodes.Where(n => n.Kind == AutogradNodeKind.Leaf);

    /// <summary>The picture: output on top, arrows in the direction gradients flow. <paramref name="title"/> replaces <see cref="Title"/>.</summary>
    public GraphChart ToChart(string? title = null)
    {
        static string Dims(long[]? shape) => shape is null ? "" : $"[{string.Join(", ", shape)}]";
        var nodes = Nodes.Select(n => n.Kind switch
        {
            AutogradNodeKind.Output => new GraphNode(n.Id, $"{n.TensorName ?? "output"}\n{Dims(n.Shape)}", NodeStyle.Output),
            AutogradNodeKind.Leaf => new GraphNode(n.Id, n.TensorName is null ? Dims(n.Shape) : $"{n.TensorName}\n{Dims(n.Shape)}", NodeStyle.Input),
            _ => new GraphNode(n.Id, n.TensorName is null ? n.ShortName : $"{n.ShortName}\n→ {n.TensorName}"),
        });
        var edges = Edges.Select(e => new GraphEdge(e.From, e.To, e.Count > 1 ? $"×{e.Count}" : null));
        return Plot.Graph(nodes, edges, title ?? Title);
    }

    /// <summary>The graph as indented text, one node per line, like a walk through grad_fn.next_functions.</summary>
    public string ToText()
    {
        var children = Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.ToList());
        var byId = Nodes.ToDictionary(n => n.Id);
        var lines = new List<string>();
        void Write(string id, int depth, string suffix)
        {
            var n = byId[id];
            var text = n.Kind switch
            {
                AutogradNodeKind.Output => $"{n.TensorName ?? "output"} [{string.Join(", ", n.Shape ?? [])}]",
                AutogradNodeKind.Leaf => $"{n.ShortName} -> {n.TensorName ?? "leaf"} [{string.Join(", ", n.Shape ?? [])}]",
                _ => n.TensorName is null ? n.ShortName : $"{n.ShortName} -> {n.TensorName}",
            };
            lines.Add(new string(' ', 2 * depth) + text + suffix);
            if (children.TryGetValue(id, out var next))
                foreach (var e in next) Write(e.To, depth + 1, e.Count > 1 ? $" (x{e.Count})" : "");
        }
        Write("output", 0, "");
        return string.Join("\n", lines);
    }

    public override string ToString() =>
        $"Autograd graph of {Nodes[0].TensorName ?? "a tensor"}: {Functions.Count()} backward functions, {Leaves.Count()} leaves";
}

/// <summary>Shows an <see cref="AutogradGraph"/> as its picture (HTML) and as indented text.</summary>
public sealed class AutogradGraphFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<AutogradGraph>(MimeTypes.Html, (g, w) => { w.Write(g.ToChart().ToHtml()); return true; }),
        new TypeFormatter<AutogradGraph>(MimeTypes.PlainText, (g, w) => { w.Write(g.ToString() + "\n" + g.ToText()); return true; }),
    ];
}

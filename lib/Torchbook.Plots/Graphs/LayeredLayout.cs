namespace Torchbook.Plots.Graphs;

/// <summary>
/// A layered ("Sugiyama") drawing of a directed acyclic graph, arrows pointing down:
/// <list type="number">
/// <item>layers by longest path: a node sits one layer below the lowest of its predecessors, so every edge points down;</item>
/// <item>edges that span several layers get invisible dummy vertices, one per layer crossed, so they bend around boxes;</item>
/// <item>the order within each layer comes from barycentre sweeps (down, then up) plus adjacent swaps, keeping the
/// order with the fewest crossings;</item>
/// <item>x positions: each vertex is pulled towards the mean x of its neighbours, keeping the layer's order and the
/// gaps between boxes (an isotonic regression, solved exactly by pool-adjacent-violators), alternating down and up.</item>
/// </list>
/// </summary>
internal sealed class LayeredLayout
{
    private const int OrderingSweeps = 24;
    private const int PlacementSweeps = 12;

    private readonly int _n;                  // real nodes: vertices 0.._n-1; dummies after them
    private readonly List<double> _w = [], _h = [];
    private readonly List<List<int>> _succ = [], _pred = [];
    private readonly List<int> _layer = [];
    private readonly double _nodeGap, _dummyGap, _layerGap;

    /// <param name="sizes">Width and height of each node's box.</param>
    /// <param name="edges">Distinct (from, to) pairs of node indices; the graph must be acyclic.</param>
    /// <param name="orderingSweeps">Barycentre sweeps (0 keeps the initial depth-first order; tests use it).</param>
    public LayeredLayout(IReadOnlyList<(double W, double H)> sizes, IReadOnlyList<(int From, int To)> edges,
        double nodeGap = 18, double dummyGap = 10, double layerGap = 38, int orderingSweeps = OrderingSweeps)
    {
        _n = sizes.Count;
        _nodeGap = nodeGap; _dummyGap = dummyGap; _layerGap = layerGap;
        foreach (var (w, h) in sizes) AddVertex(w, h);
        Edges = edges;

        var realSucc = Enumerable.Range(0, _n).Select(_ => new List<int>()).ToList();
        foreach (var (from, to) in edges) realSucc[from].Add(to);
        var order = TopologicalOrder(realSucc);
        var layerOf = new int[_n];
        foreach (var v in order)
            foreach (var t in realSucc[v]) layerOf[t] = Math.Max(layerOf[t], layerOf[v] + 1);
        for (int v = 0; v < _n; v++) _layer.Add(layerOf[v]);

        // Each edge becomes a chain of unit-length edges through dummy vertices.
        Routes = [];
        foreach (var (from, to) in edges)
        {
            var chain = new List<int> { from };
            for (int l = layerOf[from] + 1; l < layerOf[to]; l++)
            {
                int d = AddVertex(0, 0);
                _layer.Add(l);
                chain.Add(d);
            }
            chain.Add(to);
            for (int i = 0; i + 1 < chain.Count; i++) { _succ[chain[i]].Add(chain[i + 1]); _pred[chain[i + 1]].Add(chain[i]); }
            Routes.Add(chain);
        }

        LayerCount = _n == 0 ? 0 : _layer.Max() + 1;
        Layers = Enumerable.Range(0, LayerCount).Select(_ => new List<int>()).ToList();
        // Initial order: vertices in the order a depth-first walk from the sources first reaches them.
        var seen = new bool[_layer.Count];
        void Visit(int v)
        {
            if (seen[v]) return;
            seen[v] = true;
            Layers[_layer[v]].Add(v);
            foreach (var s in _succ[v]) Visit(s);
        }
        for (int v = 0; v < _n; v++) if (_pred[v].Count == 0) Visit(v);
        for (int v = 0; v < _layer.Count; v++) Visit(v);

        Order(orderingSweeps);
        X = new double[_layer.Count];
        Y = new double[_layer.Count];
        Place();
    }

    public IReadOnlyList<(int From, int To)> Edges { get; }

    public int LayerCount { get; }

    /// <summary>The vertices of each layer, left to right (dummies included: index ≥ node count).</summary>
    public List<List<int>> Layers { get; }

    /// <summary>For each edge, the vertices it passes through: its source, the dummies, its target.</summary>
    public List<List<int>> Routes { get; }

    /// <summary>Centre of each vertex.</summary>
    public double[] X { get; }

    public double[] Y { get; }

    public double Width { get; private set; }

    public double Height { get; private set; }

    /// <summary>Edge crossings in the final order (counted between consecutive layers, dummies included).</summary>
    public int Crossings { get; private set; }

    public int NodeCount => _n;

    public bool IsDummy(int v) => v >= _n;

    public double NodeWidth(int v) => _w[v];

    public double NodeHeight(int v) => _h[v];

    public int LayerOf(int v) => _layer[v];

    private int AddVertex(double w, double h)
    {
        _w.Add(w); _h.Add(h); _succ.Add([]); _pred.Add([]);
        return _w.Count - 1;
    }

    /// <summary>Kahn's algorithm; a cycle is reported with the nodes on it.</summary>
    private List<int> TopologicalOrder(List<List<int>> succ)
    {
        var indegree = new int[_n];
        foreach (var list in succ) foreach (var t in list) indegree[t]++;
        var queue = new Queue<int>(Enumerable.Range(0, _n).Where(v => indegree[v] == 0));
        var order = new List<int>();
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            order.Add(v);
            foreach (var t in succ[v]) if (--indegree[t] == 0) queue.Enqueue(t);
        }
        if (order.Count == _n) return order;
        // Every vertex left has a predecessor that is also left: walk backwards until one repeats.
        var left = Enumerable.Range(0, _n).Where(v => indegree[v] > 0).ToHashSet();
        var pred = new Dictionary<int, int>();
        foreach (var v in left) foreach (var t in succ[v]) if (left.Contains(t)) pred[t] = v;
        var path = new List<int>();
        var at = left.First();
        var index = new Dictionary<int, int>();
        while (!index.ContainsKey(at)) { index[at] = path.Count; path.Add(at); at = pred[at]; }
        var cycle = path[index[at]..];
        cycle.Reverse();
        throw new CycleException(cycle);
    }

    private void Order(int sweeps)
    {
        var best = Snapshot();
        int bestCrossings = CountCrossings();
        for (int sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++)
        {
            bool down = sweep % 2 == 0;
            if (down) for (int l = 1; l < LayerCount; l++) SortByBarycentre(l, _pred, l - 1);
            else for (int l = LayerCount - 2; l >= 0; l--) SortByBarycentre(l, _succ, l + 1);
            SwapAdjacent();
            int c = CountCrossings();
            if (c < bestCrossings) { bestCrossings = c; best = Snapshot(); }
        }
        for (int l = 0; l < LayerCount; l++) Layers[l] = [.. best[l]];
        Crossings = bestCrossings;
    }

    private List<List<int>> Snapshot() => Layers.Select(l => l.ToList()).ToList();

    private void SortByBarycentre(int layer, List<List<int>> neighbours, int neighbourLayer)
    {
        var position = new Dictionary<int, int>();
        for (int i = 0; i < Layers[neighbourLayer].Count; i++) position[Layers[neighbourLayer][i]] = i;
        var current = Layers[layer];
        var keyed = current.Select((v, i) =>
        {
            var ns = neighbours[v];
            // Scale the neighbour positions to this layer's width so vertices without neighbours keep their place.
            double scale = current.Count / (double)Math.Max(1, Layers[neighbourLayer].Count);
            double key = ns.Count == 0 ? i : ns.Average(u => (position[u] + 0.5) * scale - 0.5);
            return (v, key, i);
        }).OrderBy(t => t.key).ThenBy(t => t.i).Select(t => t.v).ToList();
        Layers[layer] = keyed;
    }

    /// <summary>Swaps neighbours in a layer while that removes crossings with the layers above and below.</summary>
    private void SwapAdjacent()
    {
        bool improved = true;
        for (int round = 0; improved && round < 8; round++)
        {
            improved = false;
            for (int l = 0; l < LayerCount; l++)
            {
                var layer = Layers[l];
                for (int i = 0; i + 1 < layer.Count; i++)
                {
                    int a = layer[i], b = layer[i + 1];
                    int before = PairCrossings(a, b, l), after = PairCrossings(b, a, l);
                    if (after < before) { layer[i] = b; layer[i + 1] = a; improved = true; }
                }
            }
        }
    }

    /// <summary>Crossings between the edges of a (left) and b (right) to the layers above and below.</summary>
    private int PairCrossings(int a, int b, int l)
    {
        int c = 0;
        if (l > 0) c += Between(_pred[a], _pred[b], Layers[l - 1]);
        if (l + 1 < LayerCount) c += Between(_succ[a], _succ[b], Layers[l + 1]);
        return c;

        static int Between(List<int> left, List<int> right, List<int> layer)
        {
            int n = 0;
            foreach (var u in left)
            {
                int pu = layer.IndexOf(u);
                foreach (var w in right) if (layer.IndexOf(w) < pu) n++;
            }
            return n;
        }
    }

    private int CountCrossings()
    {
        int total = 0;
        for (int l = 0; l + 1 < LayerCount; l++)
        {
            var below = new Dictionary<int, int>();
            for (int i = 0; i < Layers[l + 1].Count; i++) below[Layers[l + 1][i]] = i;
            var segments = new List<(int Top, int Bottom)>();
            for (int i = 0; i < Layers[l].Count; i++)
                foreach (var s in _succ[Layers[l][i]]) segments.Add((i, below[s]));
            for (int i = 0; i < segments.Count; i++)
                for (int j = i + 1; j < segments.Count; j++)
                {
                    var (t1, b1) = segments[i];
                    var (t2, b2) = segments[j];
                    if ((t1 < t2 && b1 > b2) || (t1 > t2 && b1 < b2)) total++;
                }
        }
        return total;
    }

    private double Gap(int a, int b) => (_w[a] + _w[b]) / 2 + (IsDummy(a) || IsDummy(b) ? _dummyGap : _nodeGap);

    private void Place()
    {
        // Start packed to the left, then pull each layer towards its neighbours.
        foreach (var layer in Layers)
        {
            double x = 0;
            for (int i = 0; i < layer.Count; i++)
            {
                if (i > 0) x += Gap(layer[i - 1], layer[i]);
                X[layer[i]] = x;
            }
        }
        for (int sweep = 0; sweep < PlacementSweeps; sweep++)
        {
            bool last = sweep == PlacementSweeps - 1;
            if (sweep % 2 == 0) for (int l = 1; l < LayerCount; l++) Align(Layers[l], v => last ? Both(v) : _pred[v]);
            else for (int l = LayerCount - 2; l >= 0; l--) Align(Layers[l], v => last ? Both(v) : _succ[v]);
        }
        // The first sweeps only pull layers below the first one: balance the first layer too.
        if (LayerCount > 0) Align(Layers[0], v => _succ[v]);
        Straighten();

        double minX = double.MaxValue, maxX = double.MinValue;
        for (int v = 0; v < X.Length; v++) { minX = Math.Min(minX, X[v] - _w[v] / 2); maxX = Math.Max(maxX, X[v] + _w[v] / 2); }
        if (X.Length == 0) minX = maxX = 0;
        for (int v = 0; v < X.Length; v++) X[v] -= minX;
        Width = maxX - minX;

        double y = 0;
        foreach (var layer in Layers)
        {
            double h = layer.Where(v => !IsDummy(v)).Select(v => _h[v]).DefaultIfEmpty(0).Max();
            foreach (var v in layer) Y[v] = y + h / 2;
            y += h + _layerGap;
        }
        Height = Math.Max(0, y - _layerGap);
    }

    private List<int> Both(int v) => [.. _pred[v], .. _succ[v]];

    /// <summary>
    /// Puts a vertex exactly under its parent when the edge between them is the parent's only way
    /// down and the vertex's only way in (a link of a chain), wherever its layer leaves room:
    /// chains then draw as straight vertical lines instead of slight S-bends.
    /// </summary>
    private void Straighten()
    {
        for (int l = 1; l < LayerCount; l++)
        {
            var layer = Layers[l];
            for (int i = 0; i < layer.Count; i++)
            {
                int v = layer[i];
                if (_pred[v].Count != 1 || _succ[_pred[v][0]].Count != 1) continue;
                double x = X[_pred[v][0]];
                bool fitsLeft = i == 0 || X[layer[i - 1]] + Gap(layer[i - 1], v) <= x + 1e-9;
                bool fitsRight = i == layer.Count - 1 || x + Gap(v, layer[i + 1]) <= X[layer[i + 1]] + 1e-9;
                if (fitsLeft && fitsRight) X[v] = x;
            }
        }
    }

    /// <summary>Moves a layer's vertices as close as possible to the mean x of their neighbours, keeping order and gaps.</summary>
    private void Align(List<int> layer, Func<int, List<int>> neighbours)
    {
        int n = layer.Count;
        if (n == 0) return;
        var offset = new double[n];
        for (int i = 1; i < n; i++) offset[i] = offset[i - 1] + Gap(layer[i - 1], layer[i]);
        // Targets in "gap-free" coordinates; the solution must be non-decreasing in them.
        var target = new double[n];
        var weight = new double[n];
        for (int i = 0; i < n; i++)
        {
            var ns = neighbours(layer[i]);
            double desired = ns.Count == 0 ? X[layer[i]] : ns.Average(u => X[u]);
            target[i] = desired - offset[i];
            weight[i] = ns.Count == 0 ? 0.25 : IsDummy(layer[i]) ? 2 : 1; // straight long edges matter most
        }
        var solved = IsotonicRegression(target, weight);
        for (int i = 0; i < n; i++) X[layer[i]] = solved[i] + offset[i];
    }

    /// <summary>Weighted least squares fit of a non-decreasing sequence (pool adjacent violators).</summary>
    internal static double[] IsotonicRegression(double[] values, double[] weights)
    {
        var means = new List<double>();
        var sums = new List<double>();
        var counts = new List<int>();
        for (int i = 0; i < values.Length; i++)
        {
            means.Add(values[i]); sums.Add(weights[i]); counts.Add(1);
            while (means.Count > 1 && means[^2] > means[^1])
            {
                double w = sums[^2] + sums[^1];
                double m = w == 0 ? (means[^2] + means[^1]) / 2 : (means[^2] * sums[^2] + means[^1] * sums[^1]) / w;
                int c = counts[^2] + counts[^1];
                means.RemoveAt(means.Count - 1); sums.RemoveAt(sums.Count - 1); counts.RemoveAt(counts.Count - 1);
                means[^1] = m; sums[^1] = w; counts[^1] = c;
            }
        }
        var result = new double[values.Length];
        int k = 0;
        for (int b = 0; b < means.Count; b++) for (int j = 0; j < counts[b]; j++) result[k++] = means[b];
        return result;
    }
}

/// <summary>The edges form a cycle, so the graph has no layered drawing.</summary>
internal sealed class CycleException(IReadOnlyList<int> cycle) : Exception("cycle")
{
    public IReadOnlyList<int> Cycle { get; } = cycle;
}

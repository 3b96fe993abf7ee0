using System.Globalization;
using System.Text;
using TorchSharp;

namespace Torchbook;

/// <summary>One row of a <see cref="ParameterTable"/>: a parameter tensor (or, grouped, a layer's tensors), its shape
/// (null for a group), how many numbers it holds, and how many of them are trained (<c>requires_grad</c>).</summary>
public sealed record ParameterRow(string Name, long[]? Shape, int Tensors, long Count, long TrainableCount);

/// <summary>
/// Where a model's parameters are: every tensor of <c>named_parameters()</c> with its shape and size, or the
/// same summed per layer down to a depth, with the totals, trainable and frozen. Prints as a table.
/// </summary>
public sealed class ParameterTable
{
    private ParameterTable(IReadOnlyList<ParameterRow> rows) => Rows = rows;

    /// <summary>The rows, in the order of <c>named_parameters()</c>.</summary>
    public IReadOnlyList<ParameterRow> Rows { get; }
    public long Total => Rows.Sum(r => r.Count);
    public long Trainable => Rows.Sum(r => r.TrainableCount);
    public long Frozen => Total - Trainable;

    /// <summary>
    /// The parameters of <paramref name="model"/>: one row per tensor, or with <paramref name="depth"/> one row per
    /// prefix of that many name parts (depth 1: <c>features</c>, <c>classifier</c>; depth 2: <c>features.0</c>, ...).
    /// </summary>
    /// <exception cref="ArgumentException">depth is below 1.</exception>
    public static ParameterTable Of(torch.nn.Module model, int? depth = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (depth < 1) throw new ArgumentException($"depth must be 1 (the model's own layers) or more, or left out for one row per tensor; got {depth}.", nameof(depth));
        var rows = new List<ParameterRow>();
        var index = new Dictionary<string, int>();
        foreach (var (name, p) in model.named_parameters())
        {
            long n = p.numel(), trained = p.requires_grad ? n : 0;
            if (depth is not int d)
            {
                rows.Add(new ParameterRow(name, p.shape, 1, n, trained));
                continue;
            }
            var group = string.Join('.', name.Split('.').SkipLast(1).Take(d));
            if (group.Length == 0) group = name;   // a parameter of the model itself
            if (index.TryGetValue(group, out var i))
            {
                var r = rows[i];
                rows[i] = r with { Tensors = r.Tensors + 1, Count = r.Count + n, TrainableCount = r.TrainableCount + trained };
            }
            else
            {
                index[group] = rows.Count;
                rows.Add(new ParameterRow(group, null, 1, n, trained));
            }
        }
        return new ParameterTable(rows);
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Name, shape (or number of tensors), count and share of the total per row; then total, trainable, frozen.</summary>
    public override string ToString()
    {
        var total = Math.Max(Total, 1);
        var cells = Rows.Select(r => (Name: r.Name,
                                      Shape: r.Shape is null ? $"{r.Tensors} tensor{(r.Tensors == 1 ? "" : "s")}" : $"[{string.Join(", ", r.Shape)}]",
                                      Count: N(r.Count) + (r.TrainableCount == r.Count ? "" : r.TrainableCount == 0 ? " (frozen)" : $" ({N(r.Count - r.TrainableCount)} frozen)"),
                                      Share: (100.0 * r.Count / total).ToString("0.0", CultureInfo.InvariantCulture) + " %")).ToList();
        var header = (Name: "Parameter", Shape: "Shape", Count: "Count", Share: "Share");
        var all = cells.Prepend(header).ToList();
        int w1 = all.Max(c => c.Name.Length), w2 = all.Max(c => c.Shape.Length), w3 = all.Max(c => c.Count.Length), w4 = all.Max(c => c.Share.Length);
        var sb = new StringBuilder();
        void Line((string Name, string Shape, string Count, string Share) c) =>
            sb.Append(c.Name.PadRight(w1)).Append("  ").Append(c.Shape.PadRight(w2)).Append("  ").Append(c.Count.PadLeft(w3)).Append("  ").Append(c.Share.PadLeft(w4)).Append('\n');
        Line(header);
        sb.Append('=', w1 + w2 + w3 + w4 + 6).Append('\n');
        foreach (var c in cells) Line(c);
        sb.Append('=', w1 + w2 + w3 + w4 + 6).Append('\n');
        sb.Append($"Total params: {N(Total)}\nTrainable params: {N(Trainable)}\nNon-trainable params: {N(Frozen)}");
        return sb.ToString();
    }
}

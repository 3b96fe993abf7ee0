using System.Globalization;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>One layer call in a <see cref="ShapeTrace"/>: its name in the model (as in <c>named_modules</c>), its type,
/// the shapes that went in and came out, and its parameters (counted on its first call only).</summary>
public sealed record ShapeTraceRow(string Name, string Type, long[] InputShape, long[] OutputShape, long Params);

/// <summary>
/// A batch followed through a model: for each layer down to a chosen depth, the shape it received and the
/// shape it gave. TorchSharp has no such tool; it is torchinfo's <c>summary(model, input_data=..., depth=...)</c>
/// in small, on a real batch. Prints as a table.
/// </summary>
public sealed class ShapeTrace
{
    private ShapeTrace(IReadOnlyList<ShapeTraceRow> rows, long[] inputShape, long totalParams)
    {
        Rows = rows;
        InputShape = inputShape;
        TotalParams = totalParams;
    }

    /// <summary>The layer calls, in the order they ended.</summary>
    public IReadOnlyList<ShapeTraceRow> Rows { get; }
    /// <summary>The batch's shape.</summary>
    public long[] InputShape { get; }
    /// <summary>Every parameter of the model, whether or not its layer appears in <see cref="Rows"/>.</summary>
    public long TotalParams { get; }

    /// <summary>
    /// Runs <paramref name="model"/> once on <paramref name="batch"/> (without gradients, in the model's current
    /// training mode) and records every layer at <paramref name="depth"/>: depth 1 is the model's own fields
    /// (<c>features</c>, <c>layer1</c>, <c>fc</c>), depth 2 their children (<c>features.0</c>, <c>layer1.0</c>), and so on;
    /// a layer with no children above that depth is recorded where it is. Work done by functions inside
    /// <c>forward</c> (<c>flatten</c>, <c>view</c>, the <c>+</c> of a skip connection) has no row: the next row's input
    /// shape shows it.
    /// </summary>
    /// <exception cref="ArgumentException">The depth is below 1, or the model cannot run on the batch (the message says after which layer).</exception>
    public static ShapeTrace Of(nn.Module<Tensor, Tensor> model, Tensor batch, int depth = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (depth < 1) throw new ArgumentException($"depth must be 1 (the model's own layers) or more; got {depth}.", nameof(depth));

        var names = new Dictionary<nn.Module, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, module) in model.named_modules())
        {
            if (name.Length == 0 || names.ContainsKey(module)) continue;
            var level = name.Count(c => c == '.') + 1;
            if (level == depth || (level < depth && !module.children().Any())) names[module] = name;
        }
        var rows = new List<ShapeTraceRow>();
        var counted = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        ForwardHooks.Run(model, names.Keys.OfType<nn.Module<Tensor, Tensor>>(), batch, (module, input, output) =>
        {
            var parameters = counted.Add(module) ? module.parameters().Sum(p => p.numel()) : 0;
            rows.Add(new ShapeTraceRow(names[module], ModuleRepr.TypeName(module), input.shape, output.shape, parameters));
        }, message =>
        {
            var last = rows.Count > 0 ? $" after {rows[^1].Name} ({rows[^1].Type}) gave {Dims(rows[^1].OutputShape)}" : " in its first layer";
            return $"The model cannot run on a batch of shape {Dims(batch.shape)}: it failed{last}: {message} " +
                   "Check the batch against what the model expects (for example [batch, 3, 224, 224] for an ImageNet model, [batch, 1, 28, 28] for MNIST).";
        });
        return new ShapeTrace(rows, batch.shape, model.parameters().Sum(p => p.numel()));
    }

    private static string Dims(long[] shape) => $"[{string.Join(", ", shape)}]";

    /// <summary>One line per layer call: name (type), input shape, output shape, parameters; then the total.</summary>
    public override string ToString()
    {
        var cells = Rows.Select(r => (Layer: $"{r.Name} ({r.Type})", In: Dims(r.InputShape), Out: Dims(r.OutputShape),
                                      Params: r.Params.ToString("N0", CultureInfo.InvariantCulture))).ToList();
        var header = (Layer: "Layer (type)", In: "Input shape", Out: "Output shape", Params: "Param #");
        var all = cells.Prepend(header).ToList();
        int w1 = all.Max(c => c.Layer.Length), w2 = all.Max(c => c.In.Length), w3 = all.Max(c => c.Out.Length), w4 = all.Max(c => c.Params.Length);
        var width = w1 + w2 + w3 + w4 + 6;
        var sb = new StringBuilder();
        void Line((string Layer, string In, string Out, string Params) c) =>
            sb.Append(c.Layer.PadRight(w1)).Append("  ").Append(c.In.PadRight(w2)).Append("  ").Append(c.Out.PadRight(w3)).Append("  ").Append(c.Params.PadLeft(w4)).Append('\n');
        Line(header);
        sb.Append('=', width).Append('\n');
        foreach (var c in cells) Line(c);
        sb.Append('=', width).Append('\n');
        sb.Append("Total params: ").Append(TotalParams.ToString("N0", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}

using System.Globalization;
using System.Reflection;
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// <c>model.repr()</c>: a TorchSharp module as PyTorch prints it, each child on its own line as
/// <c>(name): Child(...)</c> under its parent and each layer with PyTorch's <c>extra_repr</c>
/// (<c>Linear(in_features=784, out_features=512, bias=True)</c>). TorchSharp's own
/// <c>ToString()</c> prints only the type name.
/// </summary>
public static class ModuleRepr
{
    /// <summary>The module as PyTorch 1.13's <c>repr(module)</c> prints it.</summary>
    public static string repr(this nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var extra = ExtraRepr(module);
        var extraLines = extra.Length == 0 ? [] : extra.Split('\n');
        var childLines = Children(module)
            .Select(c => $"({c.name}): {AddIndent(c.module.repr(), 2)}")
            .ToList();
        var name = TypeName(module);
        if (extraLines.Length == 0 && childLines.Count == 0) return name + "()";
        if (extraLines.Length == 1 && childLines.Count == 0) return $"{name}({extraLines[0]})";
        return $"{name}(\n  {string.Join("\n  ", extraLines.Concat(childLines))}\n)";
    }

    /// <summary>
    /// The registered children; a ModuleList that is not yet inside a parent has registered
    /// nothing in TorchSharp 0.107, so its items are listed by index, as PyTorch names them.
    /// </summary>
    private static IEnumerable<(string name, nn.Module module)> Children(nn.Module module)
    {
        var registered = module.named_children().ToList();
        if (registered.Count == 0 && module is System.Collections.IEnumerable items && IsModuleList(module))
            return items.Cast<nn.Module>().Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), m));
        return registered;
    }

    internal static bool IsModuleList(nn.Module m) =>
        m.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ModuleList<>);

    /// <summary>The class name without generic arity: <c>Sequential</c>, <c>ModuleList</c>, a learner's <c>NeuralNetwork</c>.</summary>
    internal static string TypeName(nn.Module module)
    {
        var name = module.GetType().Name;
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>PyTorch's <c>extra_repr()</c> for the layers TorchSharp has; empty for containers and a learner's modules.</summary>
    internal static string ExtraRepr(nn.Module module) => module switch
    {
        Linear l => $"in_features={l.in_features}, out_features={l.out_features}, bias={Py(l.bias is not null)}",
        Convolution c => ConvRepr(c),
        MaxPool1d or MaxPool2d or MaxPool3d => PoolRepr(module, withDilation: true),
        AvgPool1d or AvgPool2d or AvgPool3d => PoolRepr(module, withDilation: false),
        AdaptiveAvgPool1d or AdaptiveAvgPool2d or AdaptiveAvgPool3d or AdaptiveMaxPool1d or AdaptiveMaxPool2d or AdaptiveMaxPool3d
            => $"output_size={OutputSize(Prop(module, "output_size"))}",
        NormBase b => $"{b.num_features}, eps={Num(b.eps)}, momentum={(b.momentum is { } m ? Num(m) : "None")}, affine={Py(b.affine)}, track_running_stats={Py(b.track_running_stats)}",
        LayerNorm n => $"{Tuple(n.normalized_shape)}, eps={Num(n.eps)}, elementwise_affine={Py(n.elementwise_affine)}",
        Embedding e => $"{e.weight.shape[0]}, {e.weight.shape[1]}",
        Flatten f => $"start_dim={f.start_dim}, end_dim={f.end_dim}",
        Unflatten u => $"dim={u.dim}, unflattened_size={Tuple(u.unflattened_size)}",
        LeakyReLU r => $"negative_slope={Num(r.negative_slope)}" + (r.inplace ? ", inplace=True" : ""),
        GELU g => $"approximate='{g.approximate.ToString().ToLowerInvariant()}'",
        Softmax s => $"dim={s.dim}",
        LogSoftmax s => $"dim={s.dim}",
        LSTM or GRU or RNN => RecurrentRepr(module),
        _ => GenericRepr(module),
    };

    /// <summary>Dropout's <c>p=0.5, inplace=False</c>; activations print <c>inplace=True</c> only when set, as PyTorch does.</summary>
    private static string GenericRepr(nn.Module module)
    {
        var p = Prop(module, "p");
        var inplace = Prop(module, "inplace");
        if (p is double prob && inplace is bool ip) return $"p={Num(prob)}, inplace={Py(ip)}";
        if (inplace is true) return "inplace=True";
        return "";
    }

    private static string ConvRepr(Convolution c)
    {
        var s = new StringBuilder($"{c.in_channels}, {c.out_channels}, kernel_size={Tuple(c.kernel_size)}, stride={Tuple(c.stride)}");
        if (c.padding_type is { } mode) s.Append(", padding=").Append(mode.ToString().ToLowerInvariant());
        else if (c.padding.Any(v => v != 0)) s.Append(", padding=").Append(Tuple(c.padding));
        if (c.dilation.Any(v => v != 1)) s.Append(", dilation=").Append(Tuple(c.dilation));
        if (c.transposed && c.output_padding.Any(v => v != 0)) s.Append(", output_padding=").Append(Tuple(c.output_padding));
        if (c.groups != 1) s.Append(", groups=").Append(c.groups);
        if (c.bias is null) s.Append(", bias=False");
        if (c.padding_mode != PaddingModes.Zeros) s.Append(", padding_mode=").Append(c.padding_mode.ToString().ToLowerInvariant());
        return s.ToString();
    }

    /// <summary>
    /// PyTorch's pooling text: max pools add dilation and ceil_mode, average pools do not, and
    /// AvgPool1d prints one-element tuples (it stores them so).
    /// </summary>
    private static string PoolRepr(nn.Module pool, bool withDilation)
    {
        var kernel = Sizes(Prop(pool, "kernel_size")) ?? [1];
        var stride = Sizes(Prop(pool, "stride")) ?? kernel;
        var padding = Sizes(Prop(pool, "padding")) ?? [0];
        Func<long[], string> text = pool is AvgPool1d ? Tuple : Scalar;
        var s = new StringBuilder($"kernel_size={text(kernel)}, stride={text(stride)}, padding={text(padding)}");
        if (withDilation)
        {
            s.Append(", dilation=").Append(Scalar(Sizes(Prop(pool, "dilation")) ?? [1]));
            s.Append(", ceil_mode=").Append(Py(Prop(pool, "ceil_mode") is true));
        }
        return s.ToString();
    }

    /// <summary>A size TorchSharp keeps as a number, an optional number or an array.</summary>
    private static long[]? Sizes(object? value) => value switch
    {
        long n => [n],
        long[] a => a,
        _ => null,
    };

    /// <summary>
    /// LSTM/GRU/RNN: sizes and layer count read from the weights (TorchSharp keeps its options
    /// private), then <c>batch_first</c> and <c>bidirectional</c> when TorchSharp's fields say so.
    /// TorchSharp does not keep the dropout between layers, so <c>dropout=</c> is never printed.
    /// </summary>
    private static string RecurrentRepr(nn.Module rnn)
    {
        var weights = rnn.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        if (!weights.TryGetValue("weight_ih_l0", out var ih) || !weights.TryGetValue("weight_hh_l0", out var hh)) return "";
        var hidden = hh[1];
        var layers = weights.Keys.Count(k => k.StartsWith("weight_ih_l", StringComparison.Ordinal) && !k.EndsWith("_reverse", StringComparison.Ordinal));
        var s = new StringBuilder($"{ih[1]}, {hidden}");
        if (layers != 1) s.Append(", num_layers=").Append(layers);
        if (!weights.ContainsKey("bias_ih_l0")) s.Append(", bias=False");
        if (PrivateField(rnn, "_batch_first") is true) s.Append(", batch_first=True");
        if (weights.ContainsKey("weight_ih_l0_reverse")) s.Append(", bidirectional=True");
        return s.ToString();
    }

    /// <summary>An adaptive pool's size: one number as given, a tuple when TorchSharp holds several.</summary>
    private static string OutputSize(object? size) => size switch
    {
        long n => n.ToString(CultureInfo.InvariantCulture),
        long[] { Length: 1 } one => one[0].ToString(CultureInfo.InvariantCulture),
        long[] many => Tuple(many),
        _ => "None",
    };

    private static object? Prop(object o, string name) =>
        o.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public)?.GetValue(o);

    private static object? PrivateField(object o, string name)
    {
        for (var t = o.GetType(); t is not null; t = t.BaseType)
            if (t.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public) is { } f) return f.GetValue(o);
        return null;
    }

    private static string Py(bool b) => b ? "True" : "False";

    /// <summary>A float as Python's repr writes it: 0.5, 0.1, 1e-05.</summary>
    internal static string Num(double v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        var e = s.IndexOf('E');
        if (e < 0) return s.Contains('.') || double.IsNaN(v) || double.IsInfinity(v) ? s : s + ".0";
        var exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{s[..e].ToLowerInvariant()}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>Python's tuple text: <c>(3, 3)</c>, <c>(3,)</c>.</summary>
    internal static string Tuple(long[] values) =>
        values.Length == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>Pooling keeps what the learner passed; TorchSharp stores arrays, so equal sides print as one number.</summary>
    private static string Scalar(long[] values) =>
        values.Length > 0 && values.All(v => v == values[0]) ? values[0].ToString(CultureInfo.InvariantCulture) : Tuple(values);

    private static string AddIndent(string text, int spaces)
    {
        var lines = text.Split('\n');
        if (lines.Length == 1) return text;
        var pad = new string(' ', spaces);
        return lines[0] + "\n" + string.Join("\n", lines.Skip(1).Select(l => pad + l));
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// The torchsummary package's <c>summary(model, input_size)</c>, which TorchSharp lacks: every layer
/// that runs on one batch, its output shape and parameter count, and the totals.
/// </summary>
public static class torchsummary
{
    /// <summary>
    /// Runs <paramref name="model"/> once on random inputs of shape (2, <paramref name="input_size"/>...)
    /// drawn from a private generator (the global random state is untouched), without gradients and
    /// in the current training mode, and reports each layer that ran as torchsummary does
    /// (containers such as Sequential are left out, as torchsummary leaves them out).
    /// </summary>
    /// <param name="model">The network; its first parameter decides the input's dtype and device.</param>
    /// <param name="input_size">One input's shape without the batch dimension, e.g. <c>1, 28, 28</c>.</param>
    /// <exception cref="ArgumentException">No shape was given, or the model rejects inputs of that shape (the message says which layer).</exception>
    public static ModelSummary summary(nn.Module<Tensor, Tensor> model, params long[] input_size)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (input_size is null || input_size.Length == 0)
            throw new ArgumentException("Give the shape of one input without the batch dimension, for example summary(model, 1, 28, 28).", nameof(input_size));
        if (input_size.Any(d => d <= 0))
            throw new ArgumentException($"Every size in input_size must be positive; got ({string.Join(", ", input_size)}).", nameof(input_size));

        var rows = new List<SummaryRow>();
        var layers = model.modules()
            .Where(m => !ReferenceEquals(m, model) && m is not Sequential && !ModuleRepr.IsModuleList(m))
            .OfType<nn.Module<Tensor, Tensor>>();
        var first = model.parameters().FirstOrDefault();
        using var x = rand([2, .. input_size], first?.dtype ?? get_default_dtype(), first?.device ?? CPU, generator: new Generator(0UL));
        ForwardHooks.Run(model, layers, x, (module, _, output) =>
        {
            var shape = output.shape;
            if (shape.Length > 0) shape[0] = -1;
            long count = 0;
            var trainable = false;
            foreach (var (_, p) in module.named_parameters(recurse: false))
            {
                count += p.numel();
                trainable |= p.requires_grad;
            }
            rows.Add(new SummaryRow($"{ModuleRepr.TypeName(module)}-{rows.Count + 1}", shape, count, trainable));
        }, message =>
        {
            var last = rows.Count > 0 ? $" after {rows[^1].Layer} gave [{string.Join(", ", rows[^1].OutputShape)}]" : "";
            return $"The model cannot run on inputs of shape (batch, {string.Join(", ", input_size)}){last}: {message} " +
                   "Check input_size against the first layer (for example 1, 28, 28 for a convolution on MNIST, 784 for Linear(784, ...)).";
        });
        var inputMB = input_size.Aggregate(1L, (a, b) => a * b) * 4.0 / (1024 * 1024);
        return new ModelSummary(rows, inputMB);
    }
}

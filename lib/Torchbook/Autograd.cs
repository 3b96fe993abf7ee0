using Torchbook.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>Pictures of autograd's computation graphs (like torchviz's <c>make_dot</c>).</summary>
public static class Autograd
{
    /// <summary>
    /// The graph autograd recorded for <paramref name="output"/>: <c>loss.ToGradGraph("loss", ("w", w), ("b", b))</c>.
    /// Name the tensors you want to recognise: leaves (parameters, inputs with requires_grad) and
    /// intermediate results. Show it in a notebook to see the picture.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad, so there is no graph.</exception>
    public static AutogradGraph ToGradGraph(this Tensor output, string? name = null, params (string Name, Tensor Tensor)[] tensors) =>
        AutogradGraph.From(output, name, tensors);

    /// <summary>The graph of a model's output, its leaves named after the model's parameters (<c>named_parameters()</c>).</summary>
    public static AutogradGraph ToGradGraph(this Tensor output, string? name, nn.Module model) =>
        AutogradGraph.From(output, name, model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));

    /// <summary>The picture of <paramref name="output"/>'s graph, with an optional title.</summary>
    public static GraphChart Draw(Tensor output, string? name = null, string? title = null, params (string Name, Tensor Tensor)[] tensors) =>
        AutogradGraph.From(output, name, tensors, title).ToChart();
}

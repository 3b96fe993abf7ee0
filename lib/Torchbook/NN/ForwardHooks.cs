using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Runs a model once with a forward hook on some of its layers, without gradients, and always
/// removes the hooks: the step <see cref="torchsummary.summary"/> and <see cref="ShapeTrace.Of"/> share.
/// </summary>
internal static class ForwardHooks
{
    /// <param name="model">The network to run.</param>
    /// <param name="layers">The layers to watch; <paramref name="record"/> sees each call to them, in the order the calls end.</param>
    /// <param name="input">The batch.</param>
    /// <param name="record">Called with the layer, its input and its output.</param>
    /// <param name="explain">Turns libtorch's message (already shortened) into the message the learner reads when the model rejects the input.</param>
    internal static void Run(nn.Module<Tensor, Tensor> model, IEnumerable<nn.Module<Tensor, Tensor>> layers, Tensor input,
                             Action<nn.Module<Tensor, Tensor>, Tensor, Tensor> record, Func<string, string> explain)
    {
        var hooks = layers.Select(layer => layer.register_forward_hook((module, x, output) =>
        {
            record(module, x, output);
            return output;
        })).ToList();
        try
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            try
            {
                model.call(input);
            }
            catch (ExternalException e)
            {
                throw new ArgumentException(explain(e.LibTorchMessage()), e);
            }
        }
        finally
        {
            foreach (var h in hooks) h.remove();
        }
    }
}

namespace TorchSharp;

public static partial class torch
{
    // The string form of a tensor, equal to PyTorch's repr (see Printing/TensorFormatter.cs).
    public partial class Tensor
    {
        /// <summary>The tensor as PyTorch prints it: <c>tensor([[0.1000, 0.2000]], grad_fn=&lt;AddBackward0&gt;)</c>.</summary>
        public override string ToString() => IsInvalid ? "tensor(<disposed>)" : str();

        /// <summary>PyTorch's <c>str(t)</c> (the same as its repr), with the options from <see cref="torch.set_printoptions"/>.</summary>
        public string str() => TensorFormatter.Repr(PrintData(PrintOptions.Current), PrintOptions.Current);

        /// <summary>Writes the tensor to the console and returns it.</summary>
        public Tensor print()
        {
            Console.WriteLine(str());
            return this;
        }

        internal TensorPrintData PrintData(PrintOptions options)
        {
            var s = shape;
            var type = dtype;
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            // Only the elements that will be printed are copied out of libtorch.
            var flat = detach().cpu().reshape(-1);
            var indices = TensorFormatter.PrintedElementIndices(s, options);
            if (indices.LongLength < flat.numel()) flat = flat.index_select(0, torch.tensor(indices));
            var data = type switch
            {
                ScalarType.Bool => new TensorPrintData(s, flat.ToArray<bool>()),
                _ when torch.is_floating_point(type) => new TensorPrintData(s, type, flat.ToArray<double>()),
                _ when torch.is_integral(type) => new TensorPrintData(s, type, flat.ToArray<long>()),
                _ => throw new NotSupportedException($"printing {type} tensors is not supported"),
            };
            using var fn = grad_fn;
            return data with
            {
                Device = device.type == DeviceType.CPU ? "cpu" : device.ToString(),
                RequiresGrad = requires_grad,
                GradFn = fn?.name(),
            };
        }
    }
}

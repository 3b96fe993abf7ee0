using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;
using static TorchSharp.torch;

namespace TorchSharp.Modules
{
    /// <summary>
    /// Shared by RNN, LSTM and GRU: the weights of every layer and direction under PyTorch's names
    /// (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, ..._reverse), initialised
    /// U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) in that order, and libtorch's fused kernels.
    /// </summary>
    public abstract class RNNBase : nn.Module
    {
        private readonly int _mode; // 0 LSTM, 1 GRU, 2 RNN tanh, 3 RNN relu
        private readonly List<string> _weightNames = new();
        public long input_size { get; }
        public long hidden_size { get; }
        public long num_layers { get; }
        public bool bias { get; }
        public bool batch_first { get; }
        public double dropout { get; }
        public bool bidirectional { get; }

        private protected RNNBase(string name, int mode, long input_size, long hidden_size, long num_layers, bool bias, bool batch_first, double dropout,
            bool bidirectional, Device? device, ScalarType? dtype) : base(name)
        {
            if (dropout < 0 || dropout > 1) throw new ArgumentException("dropout should be a number in range [0, 1] representing the probability of an element being zeroed");
            if (hidden_size <= 0) throw new ArgumentException("hidden_size must be greater than zero");
            if (num_layers <= 0) throw new ArgumentException("num_layers must be greater than zero");
            _mode = mode;
            this.input_size = input_size;
            this.hidden_size = hidden_size;
            this.num_layers = num_layers;
            this.bias = bias;
            this.batch_first = batch_first;
            this.dropout = dropout;
            this.bidirectional = bidirectional;
            long gate = mode switch { 0 => 4, 1 => 3, _ => 1 } * hidden_size;
            int directions = bidirectional ? 2 : 1;
            for (long layer = 0; layer < num_layers; layer++)
            {
                for (int dir = 0; dir < directions; dir++)
                {
                    long layerInput = layer == 0 ? input_size : hidden_size * directions;
                    var suffix = $"_l{layer}" + (dir == 1 ? "_reverse" : "");
                    Add("weight_ih" + suffix, [gate, layerInput], device, dtype);
                    Add("weight_hh" + suffix, [gate, hidden_size], device, dtype);
                    if (bias)
                    {
                        Add("bias_ih" + suffix, [gate], device, dtype);
                        Add("bias_hh" + suffix, [gate], device, dtype);
                    }
                }
            }
            reset_parameters();
        }

        private void Add(string name, long[] shape, Device? device, ScalarType? dtype)
        {
            register_parameter(name, LayerHelpers.NewParameter(shape, dtype, device));
            _weightNames.Add(name);
        }

        /// <summary>Draws all weights again from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), in PyTorch's order.</summary>
        public void reset_parameters()
        {
            var stdv = hidden_size > 0 ? 1.0 / Math.Sqrt(hidden_size) : 0;
            foreach (var p in parameters()) nn.init.uniform_(p, -stdv, stdv);
        }

        /// <summary>The weights in the order libtorch's kernels take them.</summary>
        public IReadOnlyList<Parameter> all_weights => _weightNames.Select(n => get_parameter(n)!).ToList();

        public override string extra_repr()
        {
            var s = $"{input_size}, {hidden_size}";
            if (num_layers != 1) s += $", num_layers={num_layers}";
            if (!bias) s += ", bias=False";
            if (batch_first) s += ", batch_first=True";
            if (dropout != 0) s += $", dropout={PyText.Float(dropout)}";
            if (bidirectional) s += ", bidirectional=True";
            return s;
        }

        /// <summary>Runs the kernel; returns output and the final states, with unbatched inputs handled as PyTorch does.</summary>
        private protected unsafe Tensor[] Run(Tensor input, Tensor?[] hx)
        {
            ArgumentNullException.ThrowIfNull(input);
            var dim = input.dim();
            if (dim != 2 && dim != 3)
                throw new ArgumentException($"{GetName()}: Expected input to be 2D or 3D, got {dim}D instead");
            if (input.size(-1) != input_size)
                throw new ArgumentException($"input.size(-1) must be equal to input_size. Expected {input_size}, got {input.size(-1)}");
            bool batched = dim == 3;
            using var scope = NewDisposeScope();
            var x = batched ? input : input.unsqueeze(batch_first ? 0 : 1);
            long batch = x.size(batch_first ? 0 : 1);
            long directions = bidirectional ? 2 : 1;
            long[] expected = [num_layers * directions, batch, hidden_size];
            var states = new Tensor[hx.Length];
            for (int i = 0; i < hx.Length; i++)
            {
                var h = hx[i];
                if (h is null) { states[i] = zeros(expected, x.dtype, x.device); continue; }
                if (batched && h.dim() != 3)
                    throw new ArgumentException($"For batched 3-D input, hx{(hx.Length > 1 ? " and cx" : "")} should also be 3-D but got {h.dim()}-D tensor");
                if (!batched && h.dim() != 2)
                    throw new ArgumentException($"For unbatched 2-D input, hx{(hx.Length > 1 ? " and cx" : "")} should also be 2-D but got {h.dim()}-D tensor");
                var hb = batched ? h : h.unsqueeze(1);
                if (!hb.shape.SequenceEqual(expected))
                {
                    var name = hx.Length > 1 ? (i == 0 ? "hidden[0]" : "hidden[1]") : "hidden";
                    throw new ArgumentException($"Expected {name} size {PyText.Tuple(batched ? expected : [expected[0], expected[2]])}, got [{string.Join(", ", h.shape)}]");
                }
                states[i] = hb;
            }
            var weights = all_weights;
            var ph = weights.Select(w => w.Handle).ToArray();
            var hh = states.Select(s => s.Handle).ToArray();
            var outs = new IntPtr[3];
            fixed (IntPtr* pp = ph, phx = hh, po = outs)
                NativeErrors.Check(tb_nn_rnn(_mode, x.Handle, phx, hh.Length, pp, ph.Length, bias ? 1 : 0, num_layers, dropout, training ? 1 : 0,
                    bidirectional ? 1 : 0, batch_first ? 1 : 0, po));
            int n = _mode == 0 ? 3 : 2;
            var results = new Tensor[n];
            for (int i = 0; i < n; i++)
            {
                var t = new Tensor(outs[i]);
                results[i] = batched ? t : (i == 0 ? t.squeeze(batch_first ? 0 : 1) : t.squeeze(1));
            }
            foreach (var r in results) r.MoveToOuterDisposeScope();
            return results;
        }
    }

    /// <summary>Long short-term memory. forward returns (output, h_n, c_n).</summary>
    public sealed class LSTM : RNNBase
    {
        internal LSTM(long i, long h, long l, bool b, bool bf, double d, bool bi, Device? device, ScalarType? dtype)
            : base(nameof(LSTM), 0, i, h, l, b, bf, d, bi, device, dtype) { }

        /// <summary>Runs the sequence; <paramref name="h0_c0"/> are the initial states (zeros when null).</summary>
        public (Tensor output, Tensor h_n, Tensor c_n) forward(Tensor input, (Tensor h0, Tensor c0)? h0_c0 = null)
        {
            var r = Run(input, h0_c0 is { } s ? [s.h0, s.c0] : [null, null]);
            RunAnyForwardHooks(input, r[0]);
            return (r[0], r[1], r[2]);
        }

        public (Tensor output, Tensor h_n, Tensor c_n) call(Tensor input, (Tensor h0, Tensor c0)? h0_c0 = null) => forward(input, h0_c0);
    }

    /// <summary>Gated recurrent unit. forward returns (output, h_n).</summary>
    public sealed class GRU : RNNBase
    {
        internal GRU(long i, long h, long l, bool b, bool bf, double d, bool bi, Device? device, ScalarType? dtype)
            : base(nameof(GRU), 1, i, h, l, b, bf, d, bi, device, dtype) { }

        public (Tensor output, Tensor h_n) forward(Tensor input, Tensor? h0 = null)
        {
            var r = Run(input, [h0]);
            RunAnyForwardHooks(input, r[0]);
            return (r[0], r[1]);
        }

        public (Tensor output, Tensor h_n) call(Tensor input, Tensor? h0 = null) => forward(input, h0);
    }

    /// <summary>Elman RNN with tanh or ReLU. forward returns (output, h_n).</summary>
    public sealed class RNN : RNNBase
    {
        public string nonlinearity { get; }

        internal RNN(long i, long h, long l, string nonlinearity, bool b, bool bf, double d, bool bi, Device? device, ScalarType? dtype)
            : base(nameof(RNN), nonlinearity == "relu" ? 3 : nonlinearity == "tanh" ? 2 : throw new ArgumentException($"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'."),
                i, h, l, b, bf, d, bi, device, dtype)
        {
            this.nonlinearity = nonlinearity;
        }

        public (Tensor output, Tensor h_n) forward(Tensor input, Tensor? h0 = null)
        {
            var r = Run(input, [h0]);
            RunAnyForwardHooks(input, r[0]);
            return (r[0], r[1]);
        }

        public (Tensor output, Tensor h_n) call(Tensor input, Tensor? h0 = null) => forward(input, h0);
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.LSTM LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0.0,
                bool bidirectional = false, Device? device = null, ScalarType? dtype = null) =>
                new(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype);

            public static Modules.GRU GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false, double dropout = 0.0,
                bool bidirectional = false, Device? device = null, ScalarType? dtype = null) =>
                new(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, device, dtype);

            public static Modules.RNN RNN(long inputSize, long hiddenSize, long numLayers = 1, string nonLinearity = "tanh", bool bias = true, bool batchFirst = false,
                double dropout = 0.0, bool bidirectional = false, Device? device = null, ScalarType? dtype = null) =>
                new(inputSize, hiddenSize, numLayers, nonLinearity, bias, batchFirst, dropout, bidirectional, device, dtype);
        }
    }
}

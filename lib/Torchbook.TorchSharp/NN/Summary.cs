using System.Globalization;
using System.Text;
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>One row of a model summary: a layer, the shape it produced (batch as -1) and its own parameter count.</summary>
        public sealed record SummaryRow(string Layer, long[] OutputShape, long Params, bool Trainable);

        /// <summary>
        /// A model summary as torchsummary prints it: each layer that ran (named "Conv2d-1", ...),
        /// its output shape with the batch dimension as -1, its parameter count, then the totals
        /// and the memory estimates (float32).
        /// </summary>
        [Torchbook.Formatting.TypeFormatterSource(typeof(ModuleFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
        public sealed class ModelSummary
        {
            public IReadOnlyList<SummaryRow> Rows { get; }
            public long TotalParams { get; }
            public long TrainableParams { get; }
            public long NonTrainableParams => TotalParams - TrainableParams;
            public double InputSizeMB { get; }
            public double ForwardBackwardSizeMB { get; }
            public double ParamsSizeMB => Math.Abs(TotalParams * 4.0 / (1024 * 1024));
            public double TotalSizeMB => ParamsSizeMB + ForwardBackwardSizeMB + InputSizeMB;

            internal ModelSummary(IReadOnlyList<SummaryRow> rows, long total, long trainable, double inputMB, double outputMB)
            {
                Rows = rows;
                TotalParams = total;
                TrainableParams = trainable;
                InputSizeMB = inputMB;
                ForwardBackwardSizeMB = outputMB;
            }

            private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
            private static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

            public override string ToString()
            {
                const string rule = "----------------------------------------------------------------";
                const string doubleRule = "================================================================";
                var sb = new StringBuilder();
                sb.Append(rule).Append('\n');
                sb.Append($"{"Layer (type)",20}  {"Output Shape",25} {"Param #",15}").Append('\n');
                sb.Append(doubleRule).Append('\n');
                foreach (var r in Rows)
                    sb.Append($"{r.Layer,20}  {"[" + string.Join(", ", r.OutputShape) + "]",25} {N(r.Params),15}").Append('\n');
                sb.Append(doubleRule).Append('\n');
                sb.Append($"Total params: {N(TotalParams)}\n");
                sb.Append($"Trainable params: {N(TrainableParams)}\n");
                sb.Append($"Non-trainable params: {N(NonTrainableParams)}\n");
                sb.Append(rule).Append('\n');
                sb.Append($"Input size (MB): {F2(InputSizeMB)}\n");
                sb.Append($"Forward/backward pass size (MB): {F2(ForwardBackwardSizeMB)}\n");
                sb.Append($"Params size (MB): {F2(ParamsSizeMB)}\n");
                sb.Append($"Estimated Total Size (MB): {F2(TotalSizeMB)}\n");
                sb.Append(rule);
                return sb.ToString();
            }
        }

        /// <summary>
        /// Runs <paramref name="model"/> once on random inputs of shape (2, <paramref name="input_size"/>...)
        /// (a private generator: the global random state is untouched; no gradients; the training
        /// mode is kept) and reports every layer that ran, as torchsummary's <c>summary(model, input_size)</c>.
        /// </summary>
        public static ModelSummary summary(Module<Tensor, Tensor> model, params long[] input_size)
        {
            ArgumentNullException.ThrowIfNull(model);
            if (input_size is null || input_size.Length == 0) throw new ArgumentException("give the shape of one input without the batch dimension, e.g. summary(model, 1, 28, 28)");
            var rows = new List<SummaryRow>();
            var handles = new List<IDisposable>();
            foreach (var m in model.modules())
            {
                if (ReferenceEquals(m, model) || m is Sequential || m.GetType().IsGenericType && m.GetType().GetGenericTypeDefinition() == typeof(ModuleList<>)) continue;
                handles.Add(m.AddAnyForwardHook((module, _, output) =>
                {
                    if (output is not Tensor t) return;
                    var shape = t.shape;
                    if (shape.Length > 0) shape[0] = -1;
                    long count = 0;
                    bool trainable = false;
                    foreach (var (_, p) in module.OwnParameters)
                    {
                        if (p is null) continue;
                        count += p.numel();
                        trainable |= p.requires_grad;
                    }
                    rows.Add(new SummaryRow($"{module.GetName()}-{rows.Count + 1}", shape, count, trainable));
                }));
            }
            try
            {
                using var scope = NewDisposeScope();
                using var guard = no_grad();
                using var gen = new Generator(0UL);
                var first = model.parameters().FirstOrDefault();
                var x = rand([2, .. input_size], first?.dtype, first?.device, generator: gen);
                model.call(x);
            }
            finally
            {
                foreach (var h in handles) h.Dispose();
            }
            long total = rows.Sum(r => r.Params);
            long trainableCount = rows.Where(r => r.Trainable).Sum(r => r.Params);
            double totalOutput = rows.Sum(r => (double)r.OutputShape.Aggregate(1L, (a, b) => a * b));
            double inputMB = Math.Abs(input_size.Aggregate(1L, (a, b) => a * b) * -1 * 4.0 / (1024 * 1024));
            double outputMB = Math.Abs(2.0 * totalOutput * 4.0 / (1024 * 1024));
            return new ModelSummary(rows, total, trainableCount, inputMB, outputMB);
        }

        /// <summary>torch.nn.utils: gradient clipping and parameter vectors.</summary>
        public static class utils
        {
            /// <summary>
            /// Scales the gradients so that their total norm is at most <paramref name="max_norm"/>
            /// (as PyTorch 1.13 computes it); returns the total norm before clipping.
            /// </summary>
            public static unsafe double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2.0, bool error_if_nonfinite = false)
            {
                var handles = parameters.Select(p => p.Handle).ToArray();
                fixed (IntPtr* p = handles)
                {
                    using var total = Tensor.Wrap(Native.NativeMethods.tb_nn_clip_grad_norm_(p, handles.Length, max_norm, norm_type, error_if_nonfinite ? 1 : 0));
                    return total.ToDouble();
                }
            }

            /// <summary>Clamps every gradient to [-clip_value, clip_value].</summary>
            public static unsafe void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
            {
                var handles = parameters.Select(p => p.Handle).ToArray();
                fixed (IntPtr* p = handles)
                    Native.NativeErrors.Check(Native.NativeMethods.tb_nn_clip_grad_value_(p, handles.Length, clip_value));
            }

            /// <summary>All parameters flattened into one vector.</summary>
            public static Tensor parameters_to_vector(IEnumerable<Tensor> parameters)
            {
                using var scope = NewDisposeScope();
                var flat = parameters.Select(p => p.reshape(-1)).ToArray();
                return cat(flat, 0).MoveToOuterDisposeScope();
            }
        }
    }
}

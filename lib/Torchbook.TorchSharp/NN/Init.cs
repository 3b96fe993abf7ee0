namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Weight initialisation (torch.nn.init), in place and without recording gradients. The
        /// random ones draw from libtorch's default generator exactly as PyTorch does, so the same
        /// seed gives the same weights.
        /// </summary>
        public static class init
        {
            public enum FanInOut { FanIn, FanOut }

            public enum NonlinearityType { Linear, Conv1D, Conv2D, Conv3D, ConvTranspose1D, ConvTranspose2D, ConvTranspose3D, Sigmoid, Tanh, ReLU, LeakyReLU, SELU }

            /// <summary>The recommended gain for a nonlinearity (param is LeakyReLU's negative slope, 0.01 when null).</summary>
            public static double calculate_gain(NonlinearityType nonlinearity, double? param = null) => nonlinearity switch
            {
                NonlinearityType.Tanh => 5.0 / 3,
                NonlinearityType.ReLU => Math.Sqrt(2.0),
                NonlinearityType.LeakyReLU => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
                NonlinearityType.SELU => 3.0 / 4,
                _ => 1.0,
            };

            /// <summary>(fan_in, fan_out) of a weight: input and output feature maps times the receptive field size.</summary>
            public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                var shape = tensor.shape;
                if (shape.Length < 2) throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
                long receptive = 1;
                for (int i = 2; i < shape.Length; i++) receptive *= shape[i];
                return (shape[1] * receptive, shape[0] * receptive);
            }

            private static long Fan(Tensor t, FanInOut mode)
            {
                var (fin, fout) = calculate_fan_in_and_fan_out(t);
                return mode == FanInOut.FanIn ? fin : fout;
            }

            public static Tensor uniform_(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
            {
                using var _ = no_grad();
                return tensor.uniform_(low, high, generator);
            }

            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
            {
                using var _ = no_grad();
                return tensor.normal_(mean, std, generator);
            }

            public static Tensor constant_(Tensor tensor, Scalar val)
            {
                using var _ = no_grad();
                return tensor.fill_(val);
            }

            public static Tensor zeros_(Tensor tensor)
            {
                using var _ = no_grad();
                return tensor.zero_();
            }

            public static Tensor ones_(Tensor tensor)
            {
                using var _ = no_grad();
                return tensor.fill_(1);
            }

            /// <summary>He initialisation, uniform: bound = gain * sqrt(3 / fan). With a = sqrt(5) it is the default of Linear and Conv.</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn, NonlinearityType nonlinearity = NonlinearityType.LeakyReLU, Generator? generator = null)
            {
                var gain = calculate_gain(nonlinearity, a);
                var std = gain / Math.Sqrt(Fan(tensor, mode));
                var bound = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -bound, bound, generator);
            }

            /// <summary>He initialisation, normal: std = gain / sqrt(fan).</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, FanInOut mode = FanInOut.FanIn, NonlinearityType nonlinearity = NonlinearityType.LeakyReLU, Generator? generator = null)
            {
                var gain = calculate_gain(nonlinearity, a);
                var std = gain / Math.Sqrt(Fan(tensor, mode));
                return normal_(tensor, 0, std, generator);
            }

            /// <summary>Glorot initialisation, uniform: bound = gain * sqrt(6 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1.0, Generator? generator = null)
            {
                var (fin, fout) = calculate_fan_in_and_fan_out(tensor);
                var std = gain * Math.Sqrt(2.0 / (fin + fout));
                var a = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -a, a, generator);
            }

            /// <summary>Glorot initialisation, normal: std = gain * sqrt(2 / (fan_in + fan_out)).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1.0, Generator? generator = null)
            {
                var (fin, fout) = calculate_fan_in_and_fan_out(tensor);
                var std = gain * Math.Sqrt(2.0 / (fin + fout));
                return normal_(tensor, 0, std, generator);
            }

            /// <summary>The default of Linear and Conv layers: kaiming_uniform_(a = sqrt(5)) for the weight, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias.</summary>
            internal static void DefaultLinearInit(Tensor weight, Tensor? bias)
            {
                kaiming_uniform_(weight, a: Math.Sqrt(5));
                if (bias is null) return;
                var (fin, _) = calculate_fan_in_and_fan_out(weight);
                var bound = fin > 0 ? 1 / Math.Sqrt(fin) : 0;
                uniform_(bias, -bound, bound);
            }
        }
    }
}

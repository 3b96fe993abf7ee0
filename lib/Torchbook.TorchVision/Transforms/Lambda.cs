using static TorchSharp.torch;

namespace TorchSharp
{
    public static partial class torchvision
    {
        public static partial class transforms
        {
            /// <summary>
            /// A transform made of your own function, for what no ready transform does; for example
            /// a one-hot label: <c>Lambda(y => zeros(10).scatter_(0, y, 1))</c>.
            /// </summary>
            public static Transforms.Lambda Lambda(Func<Tensor, Tensor> lambda) => new(lambda);
        }
    }

    namespace Transforms
    {
        /// <summary>A transform that calls a function. See <see cref="torchvision.transforms.Lambda"/>.</summary>
        public sealed class Lambda : torchvision.ITransform
        {
            private readonly Func<Tensor, Tensor> _lambda;

            public Lambda(Func<Tensor, Tensor> lambda) =>
                _lambda = lambda ?? throw new ArgumentNullException(nameof(lambda), "Lambda: give the function that transforms a tensor (x => ...).");

            public Tensor call(Tensor input)
            {
                ArgumentNullException.ThrowIfNull(input);
                return _lambda(input) ?? throw new InvalidOperationException("Lambda: the function returned null; it must return a tensor (return the input itself to leave it unchanged).");
            }

            public override string ToString() => "Lambda()";
        }
    }
}

using static TorchSharp.torch;

namespace TorchSharp
{
    public static partial class torchvision
    {
        public static partial class transforms
        {
            /// <summary>
            /// Chains transforms: the output of each is the input of the next, in the order given
            /// (<c>Compose(ToTensor(), Normalize([0.5], [0.5]))</c>). Intermediate tensors are
            /// disposed; only the last one is returned.
            /// </summary>
            public static Transforms.Compose Compose(params ITransform[] transforms) => new(transforms);
        }
    }

    namespace Transforms
    {
        /// <summary>A chain of transforms applied in order. See <see cref="torchvision.transforms.Compose"/>.</summary>
        public sealed class Compose : torchvision.ITransform, IBatchTransform
        {
            private readonly torchvision.ITransform[] _transforms;

            public Compose(params torchvision.ITransform[] transforms)
            {
                ArgumentNullException.ThrowIfNull(transforms);
                for (int i = 0; i < transforms.Length; i++)
                    if (transforms[i] is null)
                        throw new ArgumentNullException(nameof(transforms), $"Compose: transform {i} of {transforms.Length} is null; pass only transforms that exist.");
                _transforms = (torchvision.ITransform[])transforms.Clone();
            }

            /// <summary>The transforms, in the order they run.</summary>
            public IReadOnlyList<torchvision.ITransform> transforms => _transforms;

            public Tensor call(Tensor input)
            {
                ArgumentNullException.ThrowIfNull(input);
                if (_transforms.Length == 0) return input.alias();
                using var scope = NewDisposeScope();
                var x = input;
                foreach (var t in _transforms) x = t.call(x);
                // The input belongs to the caller: when every transform handed it back unchanged, return a new handle to it.
                if (ReferenceEquals(x, input)) x = input.alias();
                return x.MoveToOuterDisposeScope();
            }

            bool IBatchTransform.SupportsBatches => _transforms.All(t => t is IBatchTransform { SupportsBatches: true });

            Tensor IBatchTransform.CallBatch(Tensor batch)
            {
                using var scope = NewDisposeScope();
                var x = batch;
                foreach (var t in _transforms) x = ((IBatchTransform)t).CallBatch(x);
                if (ReferenceEquals(x, batch)) x = batch.alias();
                return x.MoveToOuterDisposeScope();
            }

            public override string ToString() =>
                "Compose(\n" + string.Concat(_transforms.Select(t => "    " + t + "\n")) + ")";
        }
    }
}

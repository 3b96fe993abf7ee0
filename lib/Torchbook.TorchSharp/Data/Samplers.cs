using System.Collections;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class utils
        {
            public static partial class data
            {
                /// <summary>0, 1, ..., n-1 in order.</summary>
                public static Modules.SequentialSampler SequentialSampler(long n) => new(n);

                /// <summary>0, 1, ..., Count-1 of <paramref name="data_source"/> in order.</summary>
                public static Modules.SequentialSampler SequentialSampler<T>(Dataset<T> data_source) => new(data_source.Count);

                /// <summary>
                /// Random indices of a dataset of <paramref name="n"/> items: a fresh permutation per pass
                /// (or, with <paramref name="replacement"/>, independent uniform draws), as PyTorch draws them.
                /// </summary>
                public static Modules.RandomSampler RandomSampler(long n, bool replacement = false, long? num_samples = null, Generator? generator = null) =>
                    new(n, replacement, num_samples, generator);

                /// <inheritdoc cref="RandomSampler(long, bool, long?, Generator?)"/>
                public static Modules.RandomSampler RandomSampler<T>(Dataset<T> data_source, bool replacement = false, long? num_samples = null, Generator? generator = null) =>
                    new(data_source.Count, replacement, num_samples, generator);

                /// <summary>The given indices in a random order (a fresh permutation per pass).</summary>
                public static Modules.SubsetRandomSampler SubsetRandomSampler(IEnumerable<long> indices, Generator? generator = null) => new(indices, generator);

                /// <summary>
                /// <paramref name="num_samples"/> indices drawn with probabilities proportional to
                /// <paramref name="weights"/> (one weight per item), with or without replacement.
                /// </summary>
                public static Modules.WeightedRandomSampler WeightedRandomSampler(IEnumerable<double> weights, long num_samples, bool replacement = true, Generator? generator = null) =>
                    new(weights, num_samples, replacement, generator);

                /// <summary>Groups the indices of <paramref name="sampler"/> into lists of <paramref name="batch_size"/>.</summary>
                public static Modules.BatchSampler BatchSampler(IEnumerable<long> sampler, int batch_size, bool drop_last) => new(sampler, batch_size, drop_last);
            }
        }
    }

    namespace Modules
    {
        /// <summary>
        /// The base of index samplers: an enumerable of dataset indices with a known length. Each
        /// enumeration is one pass (one epoch); random samplers draw afresh each time.
        /// </summary>
        public abstract class Sampler : IEnumerable<long>
        {
            /// <summary>How many indices one pass yields (PyTorch's <c>len(sampler)</c>).</summary>
            public abstract long Count { get; }

            public abstract IEnumerator<long> GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            internal static long[] Draw(Func<torch.Tensor> sample)
            {
                using var t = sample();
                return t.ToArray<long>();
            }
        }

        /// <summary>See <see cref="torch.utils.data.SequentialSampler(long)"/>.</summary>
        public sealed class SequentialSampler : Sampler
        {
            private readonly long _n;

            internal SequentialSampler(long n)
            {
                if (n < 0) throw new ArgumentException($"SequentialSampler: the dataset size must not be negative (got {n}).");
                _n = n;
            }

            public override long Count => _n;

            public override IEnumerator<long> GetEnumerator()
            {
                for (long i = 0; i < _n; i++) yield return i;
            }
        }

        /// <summary>See <see cref="torch.utils.data.RandomSampler(long, bool, long?, torch.Generator?)"/>.</summary>
        public sealed class RandomSampler : Sampler
        {
            private readonly long _n;
            private readonly long? _numSamples;

            internal RandomSampler(long n, bool replacement, long? num_samples, torch.Generator? generator)
            {
                if (n <= 0 && (num_samples is null || num_samples > 0))
                    throw new ArgumentException($"RandomSampler: cannot sample from an empty dataset (size {n}).");
                if (num_samples is <= 0)
                    throw new ArgumentException($"RandomSampler: num_samples should be a positive integer, but got {num_samples}.");
                _n = n;
                _numSamples = num_samples;
                this.replacement = replacement;
                this.generator = generator;
            }

            public bool replacement { get; }
            public torch.Generator? generator { get; }
            public long num_samples => _numSamples ?? _n;
            public override long Count => num_samples;

            public override IEnumerator<long> GetEnumerator()
            {
                // Without a generator PyTorch seeds a private one from the default generator.
                torch.Generator? own = null;
                var g = generator;
                if (g is null)
                {
                    long seed;
                    using (var s = torch.empty([], ScalarType.Int64)) seed = s.random_().item<long>();
                    g = own = new torch.Generator(unchecked((ulong)seed));
                }
                try
                {
                    long total = num_samples;
                    if (replacement)
                    {
                        // Chunks of 32 draws, then the rest: the same stream PyTorch consumes.
                        for (long c = 0; c < total / 32; c++)
                            foreach (var i in Draw(() => torch.randint(0, _n, [32], ScalarType.Int64, generator: g))) yield return i;
                        foreach (var i in Draw(() => torch.randint(0, _n, [total % 32], ScalarType.Int64, generator: g))) yield return i;
                    }
                    else
                    {
                        for (long c = 0; c < total / _n; c++)
                            foreach (var i in Draw(() => torch.randperm(_n, ScalarType.Int64, generator: g))) yield return i;
                        var last = Draw(() => torch.randperm(_n, ScalarType.Int64, generator: g));
                        for (long k = 0; k < total % _n; k++) yield return last[k];
                    }
                }
                finally
                {
                    own?.Dispose();
                }
            }
        }

        /// <summary>See <see cref="torch.utils.data.SubsetRandomSampler"/>.</summary>
        public sealed class SubsetRandomSampler : Sampler
        {
            private readonly long[] _indices;

            internal SubsetRandomSampler(IEnumerable<long> indices, torch.Generator? generator)
            {
                _indices = indices.ToArray();
                this.generator = generator;
            }

            public IReadOnlyList<long> indices => _indices;
            public torch.Generator? generator { get; }
            public override long Count => _indices.LongLength;

            public override IEnumerator<long> GetEnumerator()
            {
                foreach (var k in Draw(() => torch.randperm(_indices.LongLength, ScalarType.Int64, generator: generator)))
                    yield return _indices[k];
            }
        }

        /// <summary>See <see cref="torch.utils.data.WeightedRandomSampler"/>.</summary>
        public sealed class WeightedRandomSampler : Sampler
        {
            private readonly double[] _weights;

            internal WeightedRandomSampler(IEnumerable<double> weights, long num_samples, bool replacement, torch.Generator? generator)
            {
                _weights = weights.ToArray();
                if (_weights.Length == 0) throw new ArgumentException("WeightedRandomSampler: weights must not be empty.", nameof(weights));
                if (_weights.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)))
                    throw new ArgumentException("WeightedRandomSampler: weights must be finite and not negative.", nameof(weights));
                if (num_samples <= 0)
                    throw new ArgumentException($"WeightedRandomSampler: num_samples should be a positive integer, but got {num_samples}.", nameof(num_samples));
                if (!replacement && num_samples > _weights.Count(w => w > 0))
                    throw new ArgumentException(
                        $"WeightedRandomSampler: cannot draw {num_samples} samples without replacement from {_weights.Count(w => w > 0)} items with a positive weight.",
                        nameof(num_samples));
                this.num_samples = num_samples;
                this.replacement = replacement;
                this.generator = generator;
            }

            public IReadOnlyList<double> weights => _weights;
            public long num_samples { get; }
            public bool replacement { get; }
            public torch.Generator? generator { get; }
            public override long Count => num_samples;

            public override IEnumerator<long> GetEnumerator()
            {
                long[] drawn;
                using (var w = torch.tensor(_weights, ScalarType.Float64))
                    drawn = Draw(() => torch.multinomial(w, num_samples, replacement, generator));
                foreach (var i in drawn) yield return i;
            }
        }

        /// <summary>See <see cref="torch.utils.data.BatchSampler"/>.</summary>
        public sealed class BatchSampler : IEnumerable<long[]>
        {
            internal BatchSampler(IEnumerable<long> sampler, int batch_size, bool drop_last)
            {
                if (batch_size <= 0) throw new ArgumentException($"BatchSampler: batch_size should be a positive integer, but got {batch_size}.", nameof(batch_size));
                this.sampler = sampler;
                this.batch_size = batch_size;
                this.drop_last = drop_last;
            }

            public IEnumerable<long> sampler { get; }
            public int batch_size { get; }
            public bool drop_last { get; }

            /// <summary>The number of batches, when the sampler's length is known.</summary>
            public long Count
            {
                get
                {
                    long n = SamplerLength(sampler) ?? throw new InvalidOperationException("BatchSampler: the sampler's length is unknown.");
                    return drop_last ? n / batch_size : (n + batch_size - 1) / batch_size;
                }
            }

            internal static long? SamplerLength(IEnumerable<long> sampler) => sampler switch
            {
                Sampler s => s.Count,
                ICollection<long> c => c.Count,
                IReadOnlyCollection<long> c => c.Count,
                _ => null,
            };

            public IEnumerator<long[]> GetEnumerator()
            {
                var batch = new List<long>(batch_size);
                foreach (var i in sampler)
                {
                    batch.Add(i);
                    if (batch.Count == batch_size)
                    {
                        yield return batch.ToArray();
                        batch.Clear();
                    }
                }
                if (batch.Count > 0 && !drop_last) yield return batch.ToArray();
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}

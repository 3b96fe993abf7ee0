namespace TorchSharp;

public static partial class torch
{
    public static partial class utils
    {
        public static partial class data
        {
            /// <summary>
            /// Splits a dataset into non-overlapping subsets of the given lengths, as PyTorch does:
            /// one <c>torch.randperm(n, generator)</c> cut into consecutive pieces, so the same seed
            /// gives the same split as in Python. Without a generator the default one is used.
            /// </summary>
            public static Modules.Subset<T>[] random_split<T>(Dataset<T> dataset, IReadOnlyList<long> lengths, Generator? generator = null)
            {
                long total = 0;
                foreach (var l in lengths)
                {
                    if (l < 0) throw new ArgumentException($"random_split: lengths must not be negative (got {l}).", nameof(lengths));
                    total += l;
                }
                if (total != dataset.Count)
                    throw new ArgumentException($"random_split: the lengths add up to {total} but the dataset has {dataset.Count} items.", nameof(lengths));

                long[] permutation;
                using (var perm = randperm(total, ScalarType.Int64, generator: generator)) permutation = perm.ToArray<long>();

                var result = new Modules.Subset<T>[lengths.Count];
                long offset = 0;
                for (int i = 0; i < lengths.Count; i++)
                {
                    result[i] = new Modules.Subset<T>(dataset, new ArraySegment<long>(permutation, (int)offset, (int)lengths[i]));
                    offset += lengths[i];
                }
                return result;
            }

            /// <inheritdoc cref="random_split{T}(Dataset{T}, IReadOnlyList{long}, Generator?)"/>
            public static Modules.Subset<T>[] random_split<T>(Dataset<T> dataset, long[] lengths, Generator? generator = null) =>
                random_split(dataset, (IReadOnlyList<long>)lengths, generator);

            /// <inheritdoc cref="random_split{T}(Dataset{T}, IReadOnlyList{long}, Generator?)"/>
            public static Modules.Subset<T>[] random_split<T>(Dataset<T> dataset, int[] lengths, Generator? generator = null) =>
                random_split(dataset, lengths.Select(l => (long)l).ToArray(), generator);

            /// <summary>
            /// Splits by fractions that add up to 1: each part gets floor(fraction x count) items and
            /// the remainder is handed out one by one from the first part on (PyTorch's rule).
            /// </summary>
            public static Modules.Subset<T>[] random_split<T>(Dataset<T> dataset, double[] fractions, Generator? generator = null)
            {
                double sum = fractions.Sum();
                if (Math.Abs(sum - 1.0) > 1e-9 || sum > 1.0 + 1e-12)
                    throw new ArgumentException($"random_split: fractions must add up to 1 (they add up to {sum}). Pass whole lengths instead to split by counts.", nameof(fractions));
                long n = dataset.Count;
                var lengths = new long[fractions.Length];
                for (int i = 0; i < fractions.Length; i++)
                {
                    if (fractions[i] < 0 || fractions[i] > 1)
                        throw new ArgumentException($"random_split: fraction at index {i} ({fractions[i]}) is not between 0 and 1.", nameof(fractions));
                    lengths[i] = (long)Math.Floor(n * fractions[i]);
                }
                long remainder = n - lengths.Sum();
                for (long i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
                return random_split(dataset, (IReadOnlyList<long>)lengths, generator);
            }
        }
    }
}

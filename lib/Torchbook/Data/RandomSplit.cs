using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>random_split(dataset, lengths, generator=default_generator)</c>: non-overlapping
    /// <see cref="Subset{T}"/>s of the given lengths, cut one after another from <c>randperm(n, generator)</c>, so the
    /// same seed gives the same split as in Python. The lengths must add up to the dataset's size.
    /// </summary>
    public static Subset<T>[] random_split<T>(utils.data.Dataset<T> dataset, long[] lengths, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Length == 0) throw new ArgumentException("random_split: lengths is empty; give the size of each part.", nameof(lengths));
        long total = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 0) throw new ArgumentException($"random_split: length {i} is {lengths[i]}; lengths cannot be negative.", nameof(lengths));
            total += lengths[i];
        }
        if (total != dataset.Count)
            throw new ArgumentException(
                $"random_split: the lengths [{string.Join(", ", lengths)}] add up to {total}, but the dataset has {dataset.Count} items; " +
                "they must add up to the dataset's length (or give fractions that add up to 1).", nameof(lengths));

        var permutation = Sampler.Drawn(randperm(total, ScalarType.Int64, generator: generator));
        var parts = new Subset<T>[lengths.Length];
        long offset = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = new Subset<T>(dataset, new ArraySegment<long>(permutation, checked((int)offset), checked((int)lengths[i])));
            offset += lengths[i];
        }
        return parts;
    }

    /// <inheritdoc cref="random_split{T}(utils.data.Dataset{T}, long[], Generator?)"/>
    public static Subset<T>[] random_split<T>(utils.data.Dataset<T> dataset, int[] lengths, Generator? generator = null) =>
        random_split(dataset, (lengths ?? throw new ArgumentNullException(nameof(lengths))).Select(l => (long)l).ToArray(), generator);

    /// <summary>
    /// <c>random_split</c> by fractions that add up to 1 (<c>[0.8, 0.2]</c>), PyTorch's rule: each part gets
    /// floor(fraction × n) items, and the items left over go one each to the parts in order, from the first.
    /// </summary>
    public static Subset<T>[] random_split<T>(utils.data.Dataset<T> dataset, double[] fractions, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(fractions);
        if (fractions.Length == 0) throw new ArgumentException("random_split: fractions is empty; give the share of each part.", nameof(fractions));
        double sum = fractions.Sum();
        // PyTorch: math.isclose(sum, 1) (relative tolerance 1e-9) and sum <= 1.
        if (!(Math.Abs(sum - 1.0) <= 1e-9) || sum > 1.0)
            throw new ArgumentException(
                $"random_split: the fractions [{string.Join(", ", fractions)}] add up to {sum}, not 1. " +
                "Give fractions that add up to 1, or whole lengths that add up to the dataset's length.", nameof(fractions));
        long n = dataset.Count;
        var lengths = new long[fractions.Length];
        for (int i = 0; i < fractions.Length; i++)
        {
            if (!(fractions[i] >= 0 && fractions[i] <= 1))
                throw new ArgumentException($"random_split: fraction {i} is {fractions[i]}; each fraction must be between 0 and 1.", nameof(fractions));
            lengths[i] = (long)Math.Floor(n * fractions[i]);
        }
        long remainder = n - lengths.Sum();
        for (long i = 0; i < remainder; i++) lengths[i % lengths.Length]++;
        return random_split(dataset, lengths, generator);
    }
}

using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>WeightedRandomSampler(weights, num_samples, replacement=True, generator=None)</c>:
    /// <paramref name="num_samples"/> indices drawn with probabilities proportional to <paramref name="weights"/>
    /// (<c>multinomial(weights, num_samples, replacement, generator)</c> each pass). Weights need not add up to 1.
    /// </summary>
    public static WeightedRandomSampler WeightedRandomSampler(IEnumerable<double> weights, long num_samples, bool replacement = true, Generator? generator = null) =>
        new(weights, num_samples, replacement, generator);
}

/// <summary>See <see cref="Data.WeightedRandomSampler"/>.</summary>
public sealed class WeightedRandomSampler : Sampler
{
    private readonly double[] _weights;

    internal WeightedRandomSampler(IEnumerable<double> weights, long num_samples, bool replacement, Generator? generator)
    {
        _weights = (weights ?? throw new ArgumentNullException(nameof(weights))).ToArray();
        if (_weights.Length == 0)
            throw new ArgumentException("WeightedRandomSampler: weights is empty; give one weight per dataset item.", nameof(weights));
        for (int i = 0; i < _weights.Length; i++)
            if (!(_weights[i] >= 0) || double.IsInfinity(_weights[i]))
                throw new ArgumentException($"WeightedRandomSampler: weight {i} is {_weights[i]}; weights must be finite and not negative.", nameof(weights));
        if (num_samples <= 0)
            throw new ArgumentException($"WeightedRandomSampler: num_samples should be a positive integer, but got {num_samples}.", nameof(num_samples));
        int positive = _weights.Count(w => w > 0);
        if (positive == 0)
            throw new ArgumentException("WeightedRandomSampler: all weights are 0; at least one item needs a positive weight.", nameof(weights));
        if (!replacement && num_samples > positive)
            throw new ArgumentException(
                $"WeightedRandomSampler: cannot draw {num_samples} samples without replacement when only {positive} items have a positive weight.",
                nameof(num_samples));
        this.num_samples = num_samples;
        this.replacement = replacement;
        this.generator = generator;
    }

    public IReadOnlyList<double> weights => _weights;
    public long num_samples { get; }
    public bool replacement { get; }

    /// <summary>The generator of the draws (null: the default generator).</summary>
    public Generator? generator { get; }

    public override long Count => num_samples;

    public override IEnumerator<long> GetEnumerator()
    {
        long[] drawn;
        using (var w = tensor(_weights, ScalarType.Float64))
            drawn = Drawn(multinomial(w, num_samples, replacement, generator));
        foreach (var i in drawn) yield return i;
    }
}

using System.Collections;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// PyTorch's <c>Sampler</c>: the dataset indices of one pass (one epoch), with a known length. Enumerating it again
/// starts a new pass; the random samplers draw afresh each time, from their generator, as PyTorch's do.
/// Any <see cref="Sampler"/> can go to <c>Data.DataLoader(..., sampler: s)</c>.
/// </summary>
public abstract class Sampler : IEnumerable<long>
{
    /// <summary>How many indices one pass yields (PyTorch's <c>len(sampler)</c>).</summary>
    public abstract long Count { get; }

    public abstract IEnumerator<long> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The int64 values of a tensor the sampler drew (and disposes).</summary>
    internal static long[] Drawn(Tensor t)
    {
        using (t) return t.data<long>().ToArray();
    }
}

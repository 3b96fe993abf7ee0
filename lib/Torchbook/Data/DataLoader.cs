using System.Collections;
using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    // The DataLoader factories, in PyTorch's shape: DataLoader(dataset, batch_size: 64, shuffle: true, generator: g).
    //   batch_size      items per batch (PyTorch's default: 1)
    //   shuffle         a new random order each pass: a RandomSampler(dataset, generator)
    //   sampler         the indices of a pass, in order (any Sampler; not with shuffle)
    //   num_workers     TorchSharp's item-reading threads (0 and 1: one); batches come in the sampler's order
    //   drop_last       drop the last batch when it is short
    //   generator       the torch.Generator of the shuffle and of the per-pass base seed (null: the default one)
    //   device          where batches go (null: the CPU, TorchSharp's default)
    //   disposeBatch    the loader disposes each batch when the loop moves on (TorchSharp's default)
    //   disposeDataset  disposing the loader disposes the dataset (TorchSharp's default)

    /// <summary>
    /// PyTorch's <c>DataLoader(dataset, batch_size, shuffle, sampler, num_workers, drop_last, generator)</c> over any
    /// map-style dataset, batched by <see cref="default_collate{T}"/>: <c>(image, label)</c> items give
    /// <c>(images, labels)</c> batches, list items list batches, dictionary items dictionary batches. With
    /// <paramref name="shuffle"/> and a seeded <paramref name="generator"/> (or <c>torch.manual_seed</c> and no
    /// generator) the batches hold PyTorch's indices for the same seed, pass after pass.
    /// It is a TorchSharp <see cref="TorchSharp.Modules.DataLoader{T, S}"/>: each batch is disposed when the loop moves
    /// to the next one (clone what must outlive the loop, or pass <c>disposeBatch: false</c> and dispose it yourself).
    /// </summary>
    public static DataLoader<T, T> DataLoader<T>(utils.data.Dataset<T> dataset, int batch_size = 1, bool shuffle = false,
        IEnumerable<long>? sampler = null, int num_workers = 0, bool drop_last = false, Generator? generator = null,
        Device? device = null, bool disposeBatch = true, bool disposeDataset = true) =>
        new(dataset, batch_size, DefaultCollate<T>.Function, shuffle, sampler, num_workers, drop_last, generator, device, disposeBatch, disposeDataset);

    /// <summary>
    /// <see cref="DataLoader{T}"/> with your own <paramref name="collate_fn"/>: it gets the items of a batch and the
    /// loader's device and makes the batch (pads sequences, say).
    /// </summary>
    public static DataLoader<T, S> DataLoader<T, S>(utils.data.Dataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device, S> collate_fn,
        bool shuffle = false, IEnumerable<long>? sampler = null, int num_workers = 0, bool drop_last = false, Generator? generator = null,
        Device? device = null, bool disposeBatch = true, bool disposeDataset = true) =>
        new(dataset, batch_size, collate_fn, shuffle, sampler, num_workers, drop_last, generator, device, disposeBatch, disposeDataset);

    /// <summary>The default collate function as one shared delegate.</summary>
    private static class DefaultCollate<T>
    {
        public static readonly Func<IEnumerable<T>, Device, T> Function = (items, device) => default_collate(items, device);
    }
}

/// <summary>
/// The loader <see cref="Data.DataLoader{T}"/> makes: TorchSharp's <see cref="TorchSharp.Modules.DataLoader{T, S}"/>
/// (which batches, collates and disposes), fed each pass with the indices PyTorch's DataLoader would read. Its
/// <see cref="Count"/> is PyTorch's <c>len(loader)</c>, the number of batches the sampler gives.
/// </summary>
public class DataLoader<T, S> : TorchSharp.Modules.DataLoader<T, S>
{
    internal DataLoader(utils.data.Dataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device, S> collate_fn, bool shuffle,
        IEnumerable<long>? sampler, int num_workers, bool drop_last, Generator? generator, Device? device, bool disposeBatch, bool disposeDataset)
        : this(dataset, batch_size, collate_fn, Order(dataset, batch_size, collate_fn, shuffle, sampler, num_workers, generator),
            num_workers, drop_last, generator, device, disposeBatch, disposeDataset)
    {
        this.shuffle = shuffle;
    }

    private DataLoader(utils.data.Dataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device, S> collate_fn, PassOrder order,
        int num_workers, bool drop_last, Generator? generator, Device? device, bool disposeBatch, bool disposeDataset)
        : base(dataset, batch_size, collate_fn, order, device, Math.Max(num_workers, 1), drop_last, disposeBatch, disposeDataset)
    {
        this.generator = generator;
        batch_sampler = new BatchSampler(order.sampler, batch_size, drop_last);
    }

    /// <summary>Checks the arguments (before TorchSharp's constructor runs) and makes the per-pass order.</summary>
    private static PassOrder Order(utils.data.Dataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device, S> collate_fn, bool shuffle,
        IEnumerable<long>? sampler, int num_workers, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(collate_fn);
        if (batch_size <= 0)
            throw new ArgumentException($"DataLoader: batch_size should be a positive integer, but got batch_size={batch_size}.", nameof(batch_size));
        if (num_workers < 0)
            throw new ArgumentException($"DataLoader: num_workers should be 0 or more, but got num_workers={num_workers}.", nameof(num_workers));
        if (sampler is not null && shuffle)
            throw new ArgumentException("DataLoader: sampler and shuffle cannot be used together; to shuffle with a sampler, give a RandomSampler and no shuffle.", nameof(sampler));
        if (dataset.Count <= 0)
            throw new ArgumentException($"DataLoader: the dataset is empty ({dataset.Count} items), so there is nothing to load; check where its data comes from.", nameof(dataset));
        var indices = sampler ?? (shuffle
            ? new RandomSampler(dataset.Count, false, null, generator)
            : new SequentialSampler(dataset.Count));
        return new PassOrder(indices, generator);
    }

    /// <summary>Whether the loader shuffles (a <see cref="RandomSampler"/> over the dataset).</summary>
    public bool shuffle { get; }

    /// <summary>The generator of the shuffle and of each pass's base seed (null: the default generator).</summary>
    public Generator? generator { get; }

    /// <summary>The batches of indices of a pass (PyTorch's <c>loader.batch_sampler</c>; its sampler is the loader's).</summary>
    public BatchSampler batch_sampler { get; }

    /// <summary>The number of batches in a pass (PyTorch's <c>len(loader)</c>), from the sampler's length.</summary>
    public new long Count => batch_sampler.Count;

    /// <summary>
    /// The indices of one pass as PyTorch's DataLoader reads them: starting a pass (<c>iter(loader)</c>) first draws a
    /// base seed from the generator (the default one when null), with random_() as PyTorch does, then the sampler runs.
    /// So the generator's stream, and the default generator's, advance exactly as in PyTorch, shuffled or not.
    /// </summary>
    private sealed class PassOrder(IEnumerable<long> sampler, Generator? generator) : IEnumerable<long>
    {
        public IEnumerable<long> sampler { get; } = sampler;

        public IEnumerator<long> GetEnumerator()
        {
            Data.RandomInt64(generator);
            return sampler.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

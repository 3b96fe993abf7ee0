namespace TorchSharp;

public static partial class torch
{
    public static partial class utils
    {
        public static partial class data
        {
            // The DataLoader factories. Parameters, in TorchSharp's order, then PyTorch's extras:
            //   batch_size      items per batch
            //   shuffle         a fresh random order each pass (a RandomSampler over the dataset)
            //   device          where batches go (null: where the dataset made them)
            //   seed            seeds a generator owned by the loader: the same order run after run
            //   num_workers     0: batches are made on the enumerating thread; N: by N background
            //                   tasks, prefetching up to N * prefetch_factor batches, in order
            //   drop_last       drop the last batch when it is short
            //   disposeBatch    the loader disposes each batch when the loop moves on (default)
            //   disposeDataset  disposing the loader disposes the dataset (TorchSharp's default)
            //   generator       the generator that shuffles (instead of seed), as in PyTorch
            //   sampler         the indices to read, in order (exclusive with shuffle)
            // See Modules.DataLoader<T, S> for threading and ownership.

            /// <summary>A loader over a dataset of named tensors: batches are dictionaries of stacked tensors.</summary>
            public static Modules.DataLoader DataLoader(
                Dataset dataset, int batch_size, bool shuffle = false, Device? device = null, int? seed = null,
                int num_workers = 0, bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true,
                Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2) =>
                new(dataset, batch_size, shuffle, device, seed, num_workers, drop_last, disposeBatch, disposeDataset, generator, sampler, prefetch_factor);

            /// <summary>A loader over a dataset whose items are lists of tensors: batches are lists of stacked tensors.</summary>
            public static Modules.IterableDataLoader DataLoader(
                IterableDataset dataset, int batch_size, bool shuffle = false, Device? device = null, int? seed = null,
                int num_workers = 0, bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true,
                Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2) =>
                new(dataset, batch_size, shuffle, device, seed, num_workers, drop_last, disposeBatch, disposeDataset, generator, sampler, prefetch_factor);

            /// <summary>
            /// A loader over any map-style dataset, batched by <see cref="default_collate{T}"/>: items
            /// <c>(image, label)</c> give batches <c>(images, labels)</c>.
            /// </summary>
            public static Modules.DataLoader<T, T> DataLoader<T>(
                Dataset<T> dataset, int batch_size = 1, bool shuffle = false, Device? device = null, int? seed = null,
                int num_workers = 0, bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true,
                Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2) =>
                new(dataset, batch_size, Modules.DefaultCollate<T>.Function, shuffle, device, seed, num_workers, drop_last,
                    disposeBatch, disposeDataset, generator, sampler, prefetch_factor);

            /// <summary>A loader over a map-style dataset with your own collate function (items to one batch).</summary>
            public static Modules.DataLoader<T, S> DataLoader<T, S>(
                Dataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device?, S> collate_fn, bool shuffle = false,
                Device? device = null, int? seed = null, int num_workers = 0, bool drop_last = false, bool disposeBatch = true,
                bool disposeDataset = true, Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2) =>
                new(dataset, batch_size, collate_fn, shuffle, device, seed, num_workers, drop_last, disposeBatch, disposeDataset,
                    generator, sampler, prefetch_factor);

            /// <summary>A loader over a stream-style dataset, batched by <see cref="default_collate{T}"/> in the stream's order.</summary>
            public static Modules.DataLoader<T, T> DataLoader<T>(
                IterableDataset<T> dataset, int batch_size = 1, Device? device = null, int num_workers = 0, bool drop_last = false,
                bool disposeBatch = true, bool disposeDataset = true, int prefetch_factor = 2) =>
                new(dataset, batch_size, Modules.DefaultCollate<T>.Function, device, null, num_workers, drop_last, disposeBatch,
                    disposeDataset, null, prefetch_factor);

            /// <summary>A loader over a stream-style dataset with your own collate function.</summary>
            public static Modules.DataLoader<T, S> DataLoader<T, S>(
                IterableDataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device?, S> collate_fn, Device? device = null,
                int num_workers = 0, bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true, int prefetch_factor = 2) =>
                new(dataset, batch_size, collate_fn, device, null, num_workers, drop_last, disposeBatch, disposeDataset, null, prefetch_factor);
        }
    }
}

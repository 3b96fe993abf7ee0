using System.Collections;
using System.Runtime.ExceptionServices;
using static TorchSharp.torch;
using static TorchSharp.torch.utils.data;

namespace TorchSharp.Modules
{
    /// <summary>
    /// Batches a dataset: <c>foreach (var (X, y) in loader)</c>. Indices come from the sampler
    /// (in order, a seeded shuffle, or one you give), are grouped into batches of
    /// <see cref="batch_size"/>, and the items are put together by <see cref="collate_fn"/>.
    /// <para>
    /// With <see cref="num_workers"/> = 0 each batch is made on the enumerating thread when it is
    /// asked for. With workers, batches are made on background tasks, at most
    /// <c>num_workers</c> at a time and up to <c>num_workers * prefetch_factor</c> ahead, and are
    /// yielded in the sampler's order, so the batches are the same as without workers. Leaving
    /// the loop early cancels the batches not yet started and frees the ones made ahead; an
    /// exception thrown while a worker makes a batch is rethrown, unchanged, by the
    /// <c>foreach</c> that asks for that batch.
    /// </para>
    /// <para>
    /// Ownership: with <see cref="DisposeBatch"/> (the default, as in TorchSharp) the loader
    /// disposes each batch's tensors when the loop moves to the next batch or ends, so a loop
    /// does not accumulate memory; clone what must outlive the iteration. With
    /// <c>disposeBatch: false</c> the batch belongs to the consumer: its tensors join the dispose
    /// scope open on the enumerating thread when the batch is yielded (if any), or are the
    /// caller's to dispose.
    /// </para>
    /// </summary>
    public class DataLoader<T, S> : IEnumerable<S>, IDisposable
    {
        private readonly IterableDataset<T>? _stream;
        private readonly Generator? _ownedGenerator;

        /// <summary>A loader over a map-style dataset.</summary>
        public DataLoader(
            Dataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device?, S> collate_fn,
            bool shuffle = false, Device? device = null, int? seed = null, int num_workers = 0,
            bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true,
            Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2)
            : this(batch_size, collate_fn, device, seed, num_workers, drop_last, disposeBatch, disposeDataset, generator, prefetch_factor)
        {
            this.dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
            if (sampler is not null && shuffle)
                throw new ArgumentException("DataLoader: sampler and shuffle are mutually exclusive; shuffle with a RandomSampler instead.", nameof(sampler));
            this.shuffle = shuffle;
            this.sampler = sampler ?? (shuffle
                ? new RandomSampler(dataset.Count, false, null, this.generator)
                : new SequentialSampler(dataset.Count));
        }

        /// <summary>A loader over a stream-style dataset: items are batched in the order the stream gives them.</summary>
        public DataLoader(
            IterableDataset<T> dataset, int batch_size, Func<IEnumerable<T>, Device?, S> collate_fn,
            Device? device = null, int? seed = null, int num_workers = 0, bool drop_last = false,
            bool disposeBatch = true, bool disposeDataset = true, Generator? generator = null, int prefetch_factor = 2)
            : this(batch_size, collate_fn, device, seed, num_workers, drop_last, disposeBatch, disposeDataset, generator, prefetch_factor)
        {
            _stream = dataset ?? throw new ArgumentNullException(nameof(dataset));
        }

        private DataLoader(int batch_size, Func<IEnumerable<T>, Device?, S> collate_fn, Device? device, int? seed,
            int num_workers, bool drop_last, bool disposeBatch, bool disposeDataset, Generator? generator, int prefetch_factor)
        {
            if (batch_size <= 0) throw new ArgumentException($"DataLoader: batch_size should be a positive integer, but got {batch_size}.", nameof(batch_size));
            if (num_workers < 0) throw new ArgumentException($"DataLoader: num_workers should be 0 or more, but got {num_workers}.", nameof(num_workers));
            if (prefetch_factor <= 0) throw new ArgumentException($"DataLoader: prefetch_factor should be a positive integer, but got {prefetch_factor}.", nameof(prefetch_factor));
            if (seed is not null && generator is not null)
                throw new ArgumentException("DataLoader: give either a seed or a generator, not both.", nameof(seed));
            this.batch_size = batch_size;
            this.collate_fn = collate_fn ?? throw new ArgumentNullException(nameof(collate_fn));
            Device = device;
            this.num_workers = num_workers;
            this.drop_last = drop_last;
            DisposeBatch = disposeBatch;
            DisposeDataset = disposeDataset;
            this.prefetch_factor = prefetch_factor;
            if (seed is not null) generator = _ownedGenerator = new Generator(unchecked((ulong)seed.Value));
            this.generator = generator;
        }

        /// <summary>The map-style dataset (null when the loader reads a stream-style dataset).</summary>
        public Dataset<T>? dataset { get; }
        public int batch_size { get; }
        public bool drop_last { get; }
        public bool shuffle { get; }
        /// <summary>Where the indices come from (null for a stream-style dataset).</summary>
        public IEnumerable<long>? sampler { get; }
        public int num_workers { get; }
        public int prefetch_factor { get; }
        public Func<IEnumerable<T>, Device?, S> collate_fn { get; }
        /// <summary>The generator that shuffles (null: the default generator).</summary>
        public Generator? generator { get; }
        /// <summary>The device batches are moved to (null: where the dataset made them).</summary>
        public Device? Device { get; }
        public bool DisposeBatch { get; }
        public bool DisposeDataset { get; }

        /// <summary>The number of batches in one pass (PyTorch's <c>len(loader)</c>).</summary>
        public long Count
        {
            get
            {
                if (sampler is null)
                    throw new InvalidOperationException("DataLoader: a stream-style (iterable) dataset has no known length, so neither has the loader.");
                long n = BatchSampler.SamplerLength(sampler) ?? sampler.LongCount();
                return drop_last ? n / batch_size : (n + batch_size - 1) / batch_size;
            }
        }

        public IEnumerator<S> GetEnumerator() => new Enumerator(this);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposing) return;
            if (DisposeDataset)
            {
                dataset?.Dispose();
                _stream?.Dispose();
            }
            _ownedGenerator?.Dispose();
        }

        // ----- making batches -----

        /// <summary>The batches of one pass as work to do, produced on the enumerating thread (samplers and streams are not thread-safe).</summary>
        private IEnumerable<Func<S>> Plans()
        {
            if (dataset is not null)
            {
                // A dataset that reads whole batches is asked for them when the default collate would stack
                // its items anyway (and no device move is asked for).
                var batched = Device is null && ReferenceEquals(collate_fn, DefaultCollate<T>.Function) && dataset is IBatchedDataset<S> b && b.SupportsBatchReads ? b : null;
                foreach (var indices in new BatchSampler(sampler!, batch_size, drop_last))
                    yield return () => MakeBatch(indices, batched);
            }
            else
            {
                var items = new List<T>(batch_size);
                using var source = _stream!.GetEnumerator();
                while (true)
                {
                    items.Clear();
                    using (var scope = NewDisposeScope())
                    {
                        while (items.Count < batch_size && source.MoveNext()) items.Add(source.Current);
                        scope.Detach(TensorsOf(items).ToArray());
                    }
                    if (items.Count == 0 || (drop_last && items.Count < batch_size)) yield break;
                    var batchItems = items.ToArray();
                    yield return () => CollateStreamItems(batchItems);
                }
            }
        }

        private S MakeBatch(long[] indices, IBatchedDataset<S>? batched)
        {
            using var scope = NewDisposeScope();
            S batch;
            if (batched is not null)
            {
                batch = batched.GetBatch(indices);
            }
            else
            {
                var items = new T[indices.Length];
                for (int i = 0; i < indices.Length; i++) items[i] = dataset!.GetTensor(indices[i]);
                batch = collate_fn(items, Device);
            }
            // The batch leaves the scope (and this thread's scopes altogether); the items go with it.
            scope.Detach(TensorsOf(batch).ToArray());
            return batch;
        }

        private S CollateStreamItems(T[] items)
        {
            using var scope = NewDisposeScope();
            foreach (var t in TensorsOf(items)) scope.Include(t);
            var batch = collate_fn(items, Device);
            scope.Detach(TensorsOf(batch).ToArray());
            return batch;
        }

        private static void DisposeBatchTensors(object? batch)
        {
            foreach (var t in TensorsOf(batch)) t.Dispose();
        }

        private sealed class Enumerator : IEnumerator<S>
        {
            private readonly DataLoader<T, S> _loader;
            private readonly IEnumerator<Func<S>> _plans;
            private readonly Queue<Task<S>> _pending = new();
            private readonly CancellationTokenSource _cancel = new();
            private readonly TaskScheduler? _scheduler;
            private S? _current;
            private bool _hasCurrent, _finished;

            public Enumerator(DataLoader<T, S> loader)
            {
                _loader = loader;
                // Like PyTorch, every pass first draws a base seed from the loader's generator (the
                // default one when none), so the random streams advance exactly as in Python.
                using (var s = empty([], ScalarType.Int64)) s.random_(loader.generator);
                _plans = loader.Plans().GetEnumerator();
                if (loader.num_workers > 0)
                    _scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, loader.num_workers).ConcurrentScheduler;
            }

            public S Current => _hasCurrent ? _current! : throw new InvalidOperationException("The enumeration has not started or has ended.");

            object IEnumerator.Current => Current!;

            public bool MoveNext()
            {
                ReleaseCurrent();
                if (_finished) return false;
                S batch;
                try
                {
                    if (_scheduler is null)
                    {
                        if (!_plans.MoveNext()) { Finish(); return false; }
                        batch = _plans.Current();
                    }
                    else
                    {
                        TopUp();
                        if (_pending.Count == 0) { Finish(); return false; }
                        var task = _pending.Dequeue();
                        batch = task.GetAwaiter().GetResult(); // rethrows the worker's own exception
                        TopUp();
                    }
                }
                catch
                {
                    Finish();
                    throw;
                }
                _current = batch;
                _hasCurrent = true;
                if (!_loader.DisposeBatch)
                {
                    var scope = DisposeScope.Current;
                    if (scope is not null)
                        foreach (var t in TensorsOf(batch)) scope.Include(t);
                }
                return true;
            }

            private void TopUp()
            {
                int capacity = _loader.num_workers * _loader.prefetch_factor;
                while (_pending.Count < capacity && _plans.MoveNext())
                    _pending.Enqueue(Task.Factory.StartNew(_plans.Current, _cancel.Token, TaskCreationOptions.DenyChildAttach, _scheduler!));
            }

            private void ReleaseCurrent()
            {
                if (_hasCurrent && _loader.DisposeBatch) DisposeBatchTensors(_current);
                _current = default;
                _hasCurrent = false;
            }

            /// <summary>Stops the pass: cancels work not started, waits for running work, frees batches made ahead.</summary>
            private void Finish()
            {
                if (_finished) return;
                _finished = true;
                _cancel.Cancel();
                while (_pending.Count > 0)
                {
                    var task = _pending.Dequeue();
                    try { task.Wait(); } catch (AggregateException) { /* cancelled, or failed after the consumer stopped */ }
                    if (task.Status == TaskStatus.RanToCompletion) DisposeBatchTensors(task.Result);
                }
                _plans.Dispose();
                _cancel.Dispose();
            }

            public void Reset() => throw new NotSupportedException("Enumerate the DataLoader again for a new pass.");

            public void Dispose()
            {
                ReleaseCurrent();
                Finish();
            }
        }
    }

    /// <summary>A loader over a map-style dataset of named tensors; batches are dictionaries (TorchSharp's <c>DataLoader</c>).</summary>
    public class DataLoader : DataLoader<Dictionary<string, Tensor>, Dictionary<string, Tensor>>
    {
        public DataLoader(Dataset dataset, int batch_size, bool shuffle = false, Device? device = null, int? seed = null,
            int num_workers = 0, bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true,
            Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2)
            : base(dataset, batch_size, DefaultCollate<Dictionary<string, Tensor>>.Function, shuffle, device, seed, num_workers,
                drop_last, disposeBatch, disposeDataset, generator, sampler, prefetch_factor) { }
    }

    /// <summary>A loader over a dataset whose items are lists of tensors; batches are lists (TorchSharp's <c>IterableDataLoader</c>).</summary>
    public class IterableDataLoader : DataLoader<IList<Tensor>, IList<Tensor>>
    {
        public IterableDataLoader(Dataset<IList<Tensor>> dataset, int batch_size, bool shuffle = false, Device? device = null, int? seed = null,
            int num_workers = 0, bool drop_last = false, bool disposeBatch = true, bool disposeDataset = true,
            Generator? generator = null, IEnumerable<long>? sampler = null, int prefetch_factor = 2)
            : base(dataset, batch_size, DefaultCollate<IList<Tensor>>.Function, shuffle, device, seed, num_workers,
                drop_last, disposeBatch, disposeDataset, generator, sampler, prefetch_factor) { }
    }

    /// <summary>The default collate function as a shared delegate, so a loader can tell it apart from a custom one.</summary>
    internal static class DefaultCollate<T>
    {
        public static readonly Func<IEnumerable<T>, Device?, T> Function = (items, device) => default_collate(items, device);
    }
}

using System.Collections;
using static TorchSharp.torch;

namespace TorchSharp.Modules
{
    /// <summary>Runs its modules one after another, each on the previous one's output. Children are named "0", "1", ... or by the names given.</summary>
    public sealed class Sequential : nn.Layer, IEnumerable<nn.Module<Tensor, Tensor>>
    {
        private readonly List<(string name, nn.Module<Tensor, Tensor> module)> _items = new();

        internal Sequential(IEnumerable<(string name, nn.Module<Tensor, Tensor> module)> modules) : base(nameof(Sequential))
        {
            foreach (var (name, m) in modules) Add(name, m);
        }

        private void Add(string name, nn.Module<Tensor, Tensor> module)
        {
            ArgumentNullException.ThrowIfNull(module);
            if (_items.Any(i => i.name == name)) throw new ArgumentException($"A module named '{name}' is already in this Sequential");
            register_module(name, module);
            _items.Add((name, module));
        }

        /// <summary>Adds a module at the end, named by its position.</summary>
        public Sequential append(nn.Module<Tensor, Tensor> module)
        {
            Add(_items.Count.ToString(), module);
            return this;
        }

        /// <summary>Adds a named module at the end.</summary>
        public Sequential append(string name, nn.Module<Tensor, Tensor> module)
        {
            Add(name, module);
            return this;
        }

        public override void register_module(string name, nn.Module? submodule)
        {
            base.register_module(name, submodule);
            var i = _items.FindIndex(t => t.name == name);
            if (i >= 0)
            {
                if (submodule is not nn.Module<Tensor, Tensor> m) throw new ArgumentException($"a Sequential's modules take one tensor and return one tensor; '{name}' would not");
                _items[i] = (name, m);
            }
        }

        public int Count => _items.Count;

        /// <summary>The module at a position (negative counts from the end). Assigning replaces it.</summary>
        public nn.Module<Tensor, Tensor> this[int index]
        {
            get => _items[Index(index)].module;
            set => register_module(_items[Index(index)].name, value);
        }

        /// <summary>The module with this name.</summary>
        public nn.Module<Tensor, Tensor> this[string name] => _items.FirstOrDefault(i => i.name == name).module ?? throw new KeyNotFoundException($"Sequential has no module named '{name}'");

        private int Index(int index)
        {
            var i = index < 0 ? index + _items.Count : index;
            if (i < 0 || i >= _items.Count) throw new IndexOutOfRangeException($"index {index} is out of range");
            return i;
        }

        /// <summary>A Sequential of the modules from start (inclusive) to end (exclusive), sharing them.</summary>
        public Sequential slice(int start, int end)
        {
            var s = start < 0 ? start + Count : start;
            var e = Math.Min(end < 0 ? end + Count : end, Count);
            return new Sequential(_items.Skip(s).Take(Math.Max(0, e - s)));
        }

        protected override Tensor Compute(Tensor input)
        {
            if (_items.Count == 0) return input.alias();
            var x = input;
            for (int i = 0; i < _items.Count; i++)
            {
                var y = _items[i].module.call(x);
                // Intermediate results of this library's layers are not visible to the caller: free
                // them now (not when a hook may have kept them, nor a user module's, which may cache them).
                if (i > 0 && !ReferenceEquals(x, input) && !ReferenceEquals(x, y) && _items[i - 1].module is nn.Layer prev && prev.GetType().Assembly == typeof(Sequential).Assembly && !prev.HasForwardHooks)
                    x.Dispose();
                x = y;
            }
            return x;
        }

        public IEnumerator<nn.Module<Tensor, Tensor>> GetEnumerator() => _items.Select(i => i.module).GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    }

    /// <summary>A list of modules, registered as "0", "1", ... (PyTorch's nn.ModuleList). It has no forward of its own.</summary>
    public sealed class ModuleList<T> : nn.Module, IList<T> where T : nn.Module
    {
        private readonly List<T> _list = new();

        internal ModuleList(IEnumerable<T> modules) : base("ModuleList")
        {
            foreach (var m in modules) Add(m);
        }

        private void Reregister()
        {
            for (int i = 0; i < _list.Count; i++) register_module(i.ToString(), _list[i]);
        }

        public T this[int index]
        {
            get => _list[index < 0 ? index + _list.Count : index];
            set { _list[index < 0 ? index + _list.Count : index] = value; Reregister(); }
        }

        public int Count => _list.Count;
        public bool IsReadOnly => false;

        public void Add(T item)
        {
            ArgumentNullException.ThrowIfNull(item);
            _list.Add(item);
            register_module((_list.Count - 1).ToString(), item);
        }

        public ModuleList<T> append(T item) { Add(item); return this; }

        public ModuleList<T> extend(IEnumerable<T> items) { foreach (var i in items) Add(i); return this; }

        public void Insert(int index, T item)
        {
            _list.Insert(index, item);
            Reregister();
        }

        public void Clear() => throw new NotSupportedException("modules cannot be removed from a ModuleList");
        public bool Remove(T item) => throw new NotSupportedException("modules cannot be removed from a ModuleList");
        public void RemoveAt(int index) => throw new NotSupportedException("modules cannot be removed from a ModuleList");
        public bool Contains(T item) => _list.Contains(item);
        public void CopyTo(T[] array, int arrayIndex) => _list.CopyTo(array, arrayIndex);
        public int IndexOf(T item) => _list.IndexOf(item);
        public IEnumerator<T> GetEnumerator() => _list.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Modules by name, in insertion order (PyTorch's nn.ModuleDict). It has no forward of its own.</summary>
    public sealed class ModuleDict<T> : nn.Module, IEnumerable<(string key, T value)> where T : nn.Module
    {
        private readonly List<(string key, T value)> _items = new();

        internal ModuleDict(IEnumerable<(string, T)> modules) : base("ModuleDict")
        {
            foreach (var (k, v) in modules) this[k] = v;
        }

        public T this[string key]
        {
            get => _items.FirstOrDefault(i => i.key == key).value ?? throw new KeyNotFoundException($"ModuleDict has no module named '{key}'");
            set
            {
                ArgumentNullException.ThrowIfNull(value);
                register_module(key, value);
                var i = _items.FindIndex(t => t.key == key);
                if (i >= 0) _items[i] = (key, value);
                else _items.Add((key, value));
            }
        }

        public int Count => _items.Count;
        public IEnumerable<string> keys() => _items.Select(i => i.key);
        public IEnumerable<T> values() => _items.Select(i => i.value);
        public IEnumerable<(string key, T value)> items() => _items;
        public bool ContainsKey(string key) => _items.Any(i => i.key == key);
        public void Add(string key, T value) => this[key] = value;
        public IEnumerator<(string key, T value)> GetEnumerator() => _items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Resizes (N, C, ...) inputs by a scale factor or to a size (F.interpolate).</summary>
    public sealed class Upsample : nn.Layer
    {
        public long[]? size { get; }
        public double[]? scale_factor { get; }
        public UpsampleMode mode { get; }
        public bool? align_corners { get; }

        internal Upsample(long[]? size, double[]? scale_factor, UpsampleMode mode, bool? align_corners) : base(nameof(Upsample))
        {
            if ((size is null) == (scale_factor is null)) throw new ArgumentException("either size or scale_factor should be defined (not both)");
            this.size = size;
            this.scale_factor = scale_factor;
            this.mode = mode;
            this.align_corners = align_corners;
        }

        protected override Tensor Compute(Tensor input) => nn.functional.upsample(input, size, scale_factor, mode, align_corners);

        public override string extra_repr()
        {
            var info = scale_factor is not null
                ? "scale_factor=" + (scale_factor.Length == 1 ? PyText.Float(scale_factor[0]) : PyText.Tuple(scale_factor))
                : "size=" + (size!.Length == 1 ? size[0].ToString() : PyText.Tuple(size));
            return info + ", mode=" + mode.ToString().ToLowerInvariant();
        }
    }
}

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Modules run in order, named "0", "1", ...</summary>
            public static Modules.Sequential Sequential(params Module<Tensor, Tensor>[] modules) =>
                new(modules.Select((m, i) => (i.ToString(), m)));

            /// <summary>Modules run in order, under the given names.</summary>
            public static Modules.Sequential Sequential(params (string name, Module<Tensor, Tensor> submodule)[] modules) => new(modules);

            public static Modules.Sequential Sequential(IEnumerable<Module<Tensor, Tensor>> modules) => new(modules.Select((m, i) => (i.ToString(), m)));

            public static Modules.Sequential Sequential(IEnumerable<(string name, Module<Tensor, Tensor> submodule)> modules) => new(modules);

            public static Modules.ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);

            public static Modules.ModuleList<Module> ModuleList(params Module[] modules) => new(modules);

            public static Modules.ModuleDict<T> ModuleDict<T>(params (string, T)[] modules) where T : Module => new(modules);

            public static Modules.ModuleDict<Module> ModuleDict(params (string, Module)[] modules) => new(modules);

            public static Modules.Upsample Upsample(long[]? size = null, double[]? scale_factor = null, UpsampleMode mode = UpsampleMode.Nearest, bool? align_corners = null) =>
                new(size, scale_factor, mode, align_corners);
        }
    }
}

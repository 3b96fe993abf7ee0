using System.Reflection;
using System.Text;
using TorchSharp.Modules;
using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// The base of every layer and network. A module owns parameters, buffers and submodules,
        /// each under a name (PyTorch's names: "weight", "fc1", "0"), which give the keys of
        /// <see cref="state_dict"/>. Subclasses either register them explicitly or call
        /// <see cref="RegisterComponents"/>, which registers every field holding a module, a
        /// parameter or a tensor (a buffer) under the field's name. Assigning a new module to a
        /// registered field (a new <c>fc</c> head) replaces it in parameters() and state_dict().
        /// </summary>
        [Torchbook.Formatting.TypeFormatterSource(typeof(ModuleFormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
        public abstract partial class Module : IDisposable
        {
            private readonly Dictionary<string, Parameter?> _parameters = new();
            private readonly Dictionary<string, Tensor?> _buffers = new();
            private readonly HashSet<string> _nonPersistentBuffers = new();
            private readonly Dictionary<string, Module?> _modules = new();
            private readonly Dictionary<string, FieldInfo> _fieldBindings = new();
            private readonly string? _name;
            private bool _disposed;

            /// <summary>A module named after its class.</summary>
            protected Module() { }

            /// <summary>A module with the given name (shown in its repr instead of the class name).</summary>
            protected Module(string name) { _name = name; }

            /// <summary>The name shown when the module is printed: the given name, or the class name.</summary>
            public string GetName()
            {
                if (_name is not null) return _name;
                var n = GetType().Name;
                var tick = n.IndexOf('`');
                return tick >= 0 ? n[..tick] : n;
            }

            /// <summary>True in training mode (the default), false after <see cref="eval"/>.</summary>
            public bool training { get; private set; } = true;

            // Registration.

            /// <summary>
            /// Registers, under their field names, the fields of this object's class (and its base
            /// classes, outside this library) that hold a module, a parameter or a tensor (a buffer).
            /// Call it at the end of the constructor. Auto-properties count under the property's name.
            /// </summary>
            public virtual void RegisterComponents()
            {
                var chain = new List<Type>();
                for (var t = GetType(); t is not null && t.Assembly != typeof(Module).Assembly; t = t.BaseType) chain.Add(t);
                chain.Reverse();
                foreach (var type in chain)
                {
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        var name = FieldName(field);
                        var value = field.GetValue(this);
                        switch (value)
                        {
                            case Module m when !ReferenceEquals(m, this):
                                register_module(name, m);
                                break;
                            case Parameter p:
                                register_parameter(name, p);
                                break;
                            case Tensor t:
                                register_buffer(name, t);
                                break;
                            case null when typeof(Module).IsAssignableFrom(field.FieldType):
                                // An empty slot for a module assigned later (a head chosen after construction).
                                register_module(name, null);
                                break;
                            default:
                                continue;
                        }
                        _fieldBindings[name] = field;
                    }
                }
            }

            private static string FieldName(FieldInfo field)
            {
                var n = field.Name;
                // "<fc>k__BackingField" -> "fc"
                if (n.StartsWith('<'))
                {
                    var end = n.IndexOf('>');
                    if (end > 1) return n[1..end];
                }
                return n;
            }

            private static void CheckName(string name, string what)
            {
                if (string.IsNullOrEmpty(name)) throw new ArgumentException($"{what} name can't be empty string \"\"");
                if (name.Contains('.')) throw new ArgumentException($"{what} name can't contain \".\", got: {name}");
            }

            /// <summary>Adds (or replaces) a submodule under <paramref name="name"/>; null registers the name with no module.</summary>
            public virtual void register_module(string name, Module? submodule)
            {
                CheckName(name, "module");
                if (_parameters.ContainsKey(name) || _buffers.ContainsKey(name))
                    throw new ArgumentException($"attribute '{name}' already exists as a parameter or buffer");
                _modules[name] = submodule;
            }

            /// <summary>Adds (or replaces) a parameter; null registers the name with no parameter (as a layer without bias).</summary>
            public void register_parameter(string name, Parameter? param)
            {
                CheckName(name, "parameter");
                if (_modules.ContainsKey(name) || _buffers.ContainsKey(name))
                    throw new ArgumentException($"attribute '{name}' already exists as a module or buffer");
                param?.DetachFromDisposeScope();
                _parameters[name] = param;
            }

            /// <summary>Adds (or replaces) a buffer: a tensor that is part of the module's state but not trained (BatchNorm's running_mean).</summary>
            public void register_buffer(string name, Tensor? tensor, bool persistent = true)
            {
                CheckName(name, "buffer");
                if (tensor is Parameter) throw new ArgumentException($"cannot register parameter '{name}' as a buffer: use register_parameter");
                if (_modules.ContainsKey(name) || _parameters.ContainsKey(name))
                    throw new ArgumentException($"attribute '{name}' already exists as a module or parameter");
                tensor?.DetachFromDisposeScope();
                _buffers[name] = tensor;
                if (persistent) _nonPersistentBuffers.Remove(name);
                else _nonPersistentBuffers.Add(name);
            }

            /// <summary>Picks up modules, parameters and buffers assigned to registered fields since they were registered.</summary>
            private void SyncFields()
            {
                foreach (var (name, field) in _fieldBindings)
                {
                    var value = field.GetValue(this);
                    if (_modules.TryGetValue(name, out var m))
                    {
                        if (!ReferenceEquals(m, value)) _modules[name] = value as Module;
                    }
                    else if (_parameters.TryGetValue(name, out var p))
                    {
                        if (!ReferenceEquals(p, value)) { (value as Tensor)?.DetachFromDisposeScope(); _parameters[name] = value as Parameter; }
                    }
                    else if (_buffers.TryGetValue(name, out var b))
                    {
                        if (!ReferenceEquals(b, value)) { (value as Tensor)?.DetachFromDisposeScope(); _buffers[name] = value as Tensor; }
                    }
                }
            }

            // Enumeration.

            /// <summary>This module's own parameters (no submodules'), by name, including null entries.</summary>
            internal IEnumerable<KeyValuePair<string, Parameter?>> OwnParameters { get { SyncFields(); return _parameters; } }

            /// <summary>The parameters of this module and (when <paramref name="recurse"/>) of its submodules, each once.</summary>
            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

            /// <summary>The parameters with their dotted names ("fc1.weight"), in PyTorch's order.</summary>
            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                var modules = recurse ? named_modules() : new[] { ("", this) };
                foreach (var (prefix, module) in modules)
                {
                    module.SyncFields();
                    foreach (var (name, p) in module._parameters)
                    {
                        if (p is null || !seen.Add(p)) continue;
                        yield return (prefix.Length == 0 ? name : prefix + "." + name, p);
                    }
                }
            }

            /// <summary>The buffers of this module and (when <paramref name="recurse"/>) of its submodules.</summary>
            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            /// <summary>The buffers with their dotted names ("bn1.running_mean").</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                var modules = recurse ? named_modules() : new[] { ("", this) };
                foreach (var (prefix, module) in modules)
                {
                    module.SyncFields();
                    foreach (var (name, b) in module._buffers)
                    {
                        if (b is null || !seen.Add(b)) continue;
                        yield return (prefix.Length == 0 ? name : prefix + "." + name, b);
                    }
                }
            }

            /// <summary>The direct submodules.</summary>
            public IEnumerable<Module> children() => named_children().Select(c => c.module);

            /// <summary>The direct submodules with their names.</summary>
            public IEnumerable<(string name, Module module)> named_children()
            {
                SyncFields();
                var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
                foreach (var (name, m) in _modules.ToArray())
                    if (m is not null && seen.Add(m)) yield return (name, m);
            }

            /// <summary>This module and all modules below it, depth first.</summary>
            public IEnumerable<Module> modules() => named_modules().Select(m => m.module);

            /// <summary>This module (named "") and all modules below it with dotted names, depth first, each once.</summary>
            public IEnumerable<(string name, Module module)> named_modules()
            {
                var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
                var result = new List<(string, Module)>();
                CollectModules("", seen, result);
                return result;
            }

            private void CollectModules(string prefix, HashSet<Module> seen, List<(string, Module)> result)
            {
                if (!seen.Add(this)) return;
                result.Add((prefix, this));
                SyncFields();
                foreach (var (name, m) in _modules.ToArray())
                    m?.CollectModules(prefix.Length == 0 ? name : prefix + "." + name, seen, result);
            }

            /// <summary>A direct submodule by name, or null.</summary>
            public Module? get_submodule(string target)
            {
                Module current = this;
                foreach (var part in target.Split('.'))
                {
                    current.SyncFields();
                    if (!current._modules.TryGetValue(part, out var next) || next is null)
                        throw new ArgumentException($"{current.GetName()} has no attribute `{part}`");
                    current = next;
                }
                return current;
            }

            /// <summary>Whether this module has a submodule with this name.</summary>
            public bool has_module(string name) { SyncFields(); return _modules.TryGetValue(name, out var m) && m is not null; }

            /// <summary>Whether this module has its own parameter with this name.</summary>
            public bool has_parameter(string name) { SyncFields(); return _parameters.TryGetValue(name, out var p) && p is not null; }

            /// <summary>Whether this module has its own buffer with this name.</summary>
            public bool has_buffer(string name) { SyncFields(); return _buffers.TryGetValue(name, out var b) && b is not null; }

            /// <summary>Its own parameter with this name, or null.</summary>
            public Parameter? get_parameter(string name) { SyncFields(); return _parameters.GetValueOrDefault(name); }

            /// <summary>Its own buffer with this name, or null.</summary>
            public Tensor? get_buffer(string name) { SyncFields(); return _buffers.GetValueOrDefault(name); }

            // Modes and bulk operations.

            /// <summary>Sets training mode (dropout active, batch statistics) on this module and all below it.</summary>
            public virtual Module train(bool mode = true)
            {
                training = mode;
                foreach (var c in children()) c.train(mode);
                return this;
            }

            /// <summary>Sets evaluation mode: dropout off, BatchNorm uses its running statistics.</summary>
            public Module eval() => train(false);

            /// <summary>Calls <paramref name="fn"/> on every submodule (children first) and then on this module.</summary>
            public Module apply(Action<Module> fn)
            {
                foreach (var c in children()) c.apply(fn);
                fn(this);
                return this;
            }

            /// <summary>
            /// Clears the gradients of all parameters: removes them (<paramref name="set_to_none"/>,
            /// the default as in TorchSharp and PyTorch 2) or fills them with zeros (PyTorch 1.13's default).
            /// </summary>
            public void zero_grad(bool set_to_none = true)
            {
                foreach (var p in parameters()) ZeroGrad(p, set_to_none);
            }

            internal static void ZeroGrad(Tensor p, bool set_to_none)
            {
                using var g = p.grad;
                if (g is null) return;
                if (set_to_none) p.grad = null;
                else
                {
                    if (g.grad_fn is { } fn) { fn.Dispose(); g.detach_(); }
                    else g.requires_grad_(false);
                    g.zero_();
                }
            }

            /// <summary>Sets requires_grad on all parameters: false freezes the module (fine-tuning only a new head).</summary>
            public Module requires_grad_(bool requires_grad = true)
            {
                foreach (var p in parameters()) p.requires_grad = requires_grad;
                return this;
            }

            /// <summary>Moves parameters and buffers to the device, keeping the same Parameter objects (optimizers keep working). Called through the <c>to</c> extension methods, which return the module's own type.</summary>
            internal Module MoveTo(Device device) => Apply(t => t.device.Equals(device) ? null : t.to(device), _ => true);

            /// <summary>Converts floating-point parameters and buffers to <paramref name="dtype"/> (integer buffers keep theirs).</summary>
            internal Module ConvertTo(ScalarType dtype)
            {
                if (!is_floating_point(dtype)) throw new ArgumentException($"nn.Module.to only accepts floating point dtypes, but got desired dtype={DTypeText.TorchName(dtype)}");
                return Apply(t => t.dtype == dtype ? null : t.to(dtype), t => t.is_floating_point());
            }

            private Module Apply(Func<Tensor, Tensor?> convert, Func<Tensor, bool> applies)
            {
                using var guard = no_grad();
                foreach (var m in modules())
                {
                    foreach (var t in m._parameters.Values.Concat(m._buffers.Values))
                    {
                        if (t is null || !applies(t)) continue;
                        using var converted = convert(t);
                        if (converted is null) continue;
                        NativeErrors.Check(tb_nn_set_data(t.Handle, converted.Handle));
                        using var g = t.grad;
                        if (g is not null)
                        {
                            using var cg = convert(g);
                            if (cg is not null) NativeErrors.Check(tb_nn_set_data(g.Handle, cg.Handle));
                        }
                    }
                }
                return this;
            }

            // State.

            /// <summary>
            /// The module's state: parameters and persistent buffers under their dotted names, in
            /// PyTorch's order (each module's parameters, then its buffers, then its submodules).
            /// The tensors share storage with the module's but are detached from autograd.
            /// </summary>
            public Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
            {
                destination ??= new Dictionary<string, Tensor>();
                SaveTo(destination, prefix ?? "");
                return destination;
            }

            private void SaveTo(Dictionary<string, Tensor> destination, string prefix)
            {
                SyncFields();
                foreach (var (name, p) in _parameters)
                    if (p is not null) destination[prefix + name] = p.detach();
                foreach (var (name, b) in _buffers)
                    if (b is not null && !_nonPersistentBuffers.Contains(name)) destination[prefix + name] = b.detach();
                foreach (var (name, m) in _modules.ToArray())
                    m?.SaveTo(destination, prefix + name + ".");
            }

            /// <summary>
            /// Copies the values of <paramref name="source"/> into this module's parameters and
            /// buffers. With <paramref name="strict"/>, the keys must match exactly; in every case a
            /// tensor whose shape differs is an error. Errors are reported together, worded as
            /// PyTorch words them. Returns the missing and unexpected keys.
            /// </summary>
            public (IList<string> missing_keys, IList<string> unexpected_keys) load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
            {
                ArgumentNullException.ThrowIfNull(source);
                var own = new Dictionary<string, Tensor>();
                CollectState(own, "");
                var missing = new List<string>();
                var unexpected = new List<string>();
                var mismatches = new List<string>();
                var toCopy = new List<(Tensor target, Tensor value)>();
                foreach (var (key, target) in own)
                {
                    if (skip is not null && skip.Contains(key)) continue;
                    if (!source.TryGetValue(key, out var value)) { missing.Add(key); continue; }
                    if (!target.shape.SequenceEqual(value.shape))
                    {
                        mismatches.Add($"size mismatch for {key}: copying a param with shape {SizeText(value.shape)} from checkpoint, the shape in current model is {SizeText(target.shape)}.");
                        continue;
                    }
                    toCopy.Add((target, value));
                }
                foreach (var key in source.Keys)
                    if (!own.ContainsKey(key) && (skip is null || !skip.Contains(key))) unexpected.Add(key);

                var errors = new List<string>();
                if (strict)
                {
                    if (missing.Count > 0) errors.Add("Missing key(s) in state_dict: " + string.Join(", ", missing.Select(k => $"\"{k}\"")) + ". ");
                    if (unexpected.Count > 0) errors.Add("Unexpected key(s) in state_dict: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")) + ". ");
                }
                errors.AddRange(mismatches);
                if (errors.Count > 0)
                    throw new InvalidOperationException($"Error(s) in loading state_dict for {GetName()}:\n\t" + string.Join("\n\t", errors));

                using (no_grad())
                {
                    foreach (var (target, value) in toCopy) target.copy_(value);
                }
                return (missing, unexpected);
            }

            /// <summary>load_state_dict for a Dictionary (the type state_dict() returns).</summary>
            public (IList<string> missing_keys, IList<string> unexpected_keys) load_state_dict(Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null) =>
                load_state_dict((IReadOnlyDictionary<string, Tensor>)source, strict, skip);

            private void CollectState(Dictionary<string, Tensor> destination, string prefix)
            {
                SyncFields();
                foreach (var (name, p) in _parameters)
                    if (p is not null) destination[prefix + name] = p;
                foreach (var (name, b) in _buffers)
                    if (b is not null && !_nonPersistentBuffers.Contains(name)) destination[prefix + name] = b;
                foreach (var (name, m) in _modules.ToArray())
                    m?.CollectState(destination, prefix + name + ".");
            }

            internal static string SizeText(long[] shape) => "torch.Size([" + string.Join(", ", shape) + "])";

            // Printing.

            /// <summary>The layer's settings as PyTorch's extra_repr gives them ("in_features=784, out_features=512, bias=True").</summary>
            public virtual string extra_repr() => "";

            /// <summary>PyTorch's repr of the module: its name, its settings and its submodules, indented.</summary>
            public override string ToString()
            {
                var extra = extra_repr();
                var extraLines = extra.Length == 0 ? Array.Empty<string>() : extra.Split('\n');
                var childLines = new List<string>();
                SyncFields();
                foreach (var (name, m) in _modules.ToArray())
                {
                    var text = m is null ? "None" : AddIndent(m.ToString(), 2);
                    childLines.Add("(" + name + "): " + text);
                }
                var sb = new StringBuilder(GetName()).Append('(');
                if (extraLines.Length == 1 && childLines.Count == 0) sb.Append(extraLines[0]);
                else if (extraLines.Length + childLines.Count > 0)
                    sb.Append("\n  ").Append(string.Join("\n  ", extraLines.Concat(childLines))).Append('\n');
                return sb.Append(')').ToString();
            }

            private static string AddIndent(string text, int spaces)
            {
                var lines = text.Split('\n');
                if (lines.Length == 1) return text;
                var pad = new string(' ', spaces);
                return lines[0] + "\n" + string.Join("\n", lines.Skip(1).Select(l => pad + l));
            }

            // Hooks that see every forward call, whatever the module's input and output types (used by summary).
            internal List<Action<Module, object?, object?>>? AnyForwardHooks;

            internal IDisposable AddAnyForwardHook(Action<Module, object?, object?> hook)
            {
                (AnyForwardHooks ??= new()).Add(hook);
                return new HookHandle(() => AnyForwardHooks?.Remove(hook));
            }

            internal void RunAnyForwardHooks(object? input, object? output)
            {
                if (AnyForwardHooks is null) return;
                foreach (var h in AnyForwardHooks.ToArray()) h(this, input, output);
            }

            // Disposal.

            /// <summary>Frees the parameters and buffers of this module and all its submodules.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (_disposed || !disposing) return;
                _disposed = true;
                SyncFields();
                foreach (var m in _modules.Values) m?.Dispose();
                foreach (var p in _parameters.Values) p?.Dispose();
                foreach (var b in _buffers.Values) b?.Dispose();
            }
        }

        /// <summary>Removes a hook when disposed (or when <see cref="remove"/> is called).</summary>
        public sealed class HookHandle : IDisposable
        {
            private Action? _remove;
            internal HookHandle(Action remove) { _remove = remove; }
            public void remove() => Interlocked.Exchange(ref _remove, null)?.Invoke();
            public void Dispose() => remove();
        }
    }
}

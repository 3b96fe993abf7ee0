using System.Collections;
using System.Runtime.CompilerServices;

namespace TorchSharp;

public static partial class torch
{
    public static partial class utils
    {
        public static partial class data
        {
            /// <summary>
            /// Puts items together into one batch by stacking along a new first dimension, keeping
            /// the items' structure: tensors give a tensor, tuples of tensors a tuple (so
            /// <c>(image, label)</c> items give <c>(images, labels)</c>), lists a list, dictionaries a
            /// dictionary with the same keys. Moves the result to <paramref name="device"/> when one is given.
            /// </summary>
            public static T default_collate<T>(IEnumerable<T> items, Device? device = null)
            {
                var list = items as IReadOnlyList<T> ?? items.ToList();
                if (list.Count == 0) throw new ArgumentException("default_collate: a batch needs at least one item.", nameof(items));
                object result = CollateObject(list.Cast<object?>().ToList(), typeof(T), device);
                return (T)result;
            }

            private static object CollateObject(List<object?> items, Type type, Device? device)
            {
                if (items[0] is Tensor)
                    return StackItems(items.Select(AsTensor).ToList(), device, "");

                if (items[0] is ITuple first && type.IsValueType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
                {
                    var fields = type.GetGenericArguments();
                    var stacked = new object[first.Length];
                    for (int k = 0; k < first.Length; k++)
                    {
                        if (fields[k] != typeof(Tensor))
                            throw Unsupported(type, $"tuple element {k + 1} is a {fields[k].Name}, not a Tensor");
                        stacked[k] = StackItems(items.Select(i => AsTensor(((ITuple)i!)[k])).ToList(), device, $" (tuple element {k + 1})");
                    }
                    return Activator.CreateInstance(type, stacked)!;
                }

                if (items[0] is IDictionary<string, Tensor> dict)
                {
                    var batch = new Dictionary<string, Tensor>();
                    foreach (var key in dict.Keys)
                        batch[key] = StackItems(items.Select(i =>
                            ((IDictionary<string, Tensor>)i!).TryGetValue(key, out var t) ? t
                                : throw new ArgumentException($"default_collate: an item has no key \"{key}\" although the first item has it.")).ToList(),
                            device, $" (key \"{key}\")");
                    return batch;
                }

                if (items[0] is IList<Tensor> tensors)
                {
                    var stacked = new Tensor[tensors.Count];
                    for (int k = 0; k < tensors.Count; k++)
                        stacked[k] = StackItems(items.Select(i =>
                        {
                            var l = (IList<Tensor>)i!;
                            return l.Count == tensors.Count ? l[k]
                                : throw new ArgumentException($"default_collate: items have different lengths ({tensors.Count} and {l.Count}).");
                        }).ToList(), device, $" (position {k})");
                    return type.IsArray ? stacked : stacked.ToList();
                }

                throw Unsupported(type, $"its items are {items[0]?.GetType().Name ?? "null"}");
            }

            private static Exception Unsupported(Type type, string why) => new NotSupportedException(
                $"default_collate cannot batch items of type {type.Name}: {why}. It stacks tensors, tuples, lists and " +
                "dictionaries of tensors; give the DataLoader a collate_fn for anything else.");

            private static Tensor AsTensor(object? item) => item as Tensor
                ?? throw new ArgumentException($"default_collate: expected a Tensor but an item holds {item?.GetType().Name ?? "null"}.");

            private static Tensor StackItems(List<Tensor> tensors, Device? device, string where)
            {
                Tensor stacked;
                try
                {
                    stacked = stack(tensors, 0);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Say which items differ (stack checks the shapes itself; this runs only when it fails).
                    var shape0 = tensors[0].shape;
                    for (int i = 1; i < tensors.Count; i++)
                    {
                        var s = tensors[i].shape;
                        if (!s.SequenceEqual(shape0))
                            throw new ArgumentException(
                                $"default_collate: items of one batch must have the same shape{where}, but item 0 is [{string.Join(", ", shape0)}] " +
                                $"and item {i} is [{string.Join(", ", s)}]. Resize them in the dataset, or give a collate_fn that pads.", e);
                    }
                    throw;
                }
                if (device is not null && (stacked.device_type != device.type || stacked.device_index != device.index))
                {
                    var moved = stacked.to(device);
                    stacked.Dispose();
                    return moved;
                }
                return stacked;
            }

            /// <summary>Every tensor inside a batch (a tensor, tuple, list, array or dictionary of them, nested).</summary>
            internal static List<Tensor> TensorsOf(object? batch)
            {
                var found = new List<Tensor>();
                Walk(batch, found, 0);
                return found;

                static void Walk(object? o, List<Tensor> found, int depth)
                {
                    if (o is null || depth > 16) return;
                    switch (o)
                    {
                        case Tensor t: found.Add(t); break;
                        case string: break;
                        case ITuple tuple:
                            for (int i = 0; i < tuple.Length; i++) Walk(tuple[i], found, depth + 1);
                            break;
                        case IDictionary dict:
                            foreach (var v in dict.Values) Walk(v, found, depth + 1);
                            break;
                        case IEnumerable items:
                            foreach (var v in items) Walk(v, found, depth + 1);
                            break;
                    }
                }
            }
        }
    }
}

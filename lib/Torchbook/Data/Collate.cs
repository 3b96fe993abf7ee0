using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>default_collate</c> for tensor items: stacks the items along a new first dimension, keeping their
    /// shape: tensors give a tensor, tuples of tensors a tuple (<c>(image, label)</c> items give
    /// <c>(images, labels)</c>), lists of tensors a list, dictionaries of tensors a dictionary with the same keys.
    /// Moves the batch to <paramref name="device"/> when one is given. Items of other kinds need a collate_fn.
    /// </summary>
    public static T default_collate<T>(IEnumerable<T> items, Device? device = null)
    {
        var list = (items ?? throw new ArgumentNullException(nameof(items))) as IReadOnlyList<T> ?? items.ToList();
        if (list.Count == 0) throw new ArgumentException("default_collate: a batch needs at least one item.", nameof(items));
        return (T)Collate(list.Cast<object?>().ToList(), typeof(T), device);
    }

    private static object Collate(List<object?> items, Type type, Device? device)
    {
        if (items[0] is Tensor)
            return Stack(items.Select(i => TensorIn(i, "")).ToList(), device, "");

        if (items[0] is ITuple first && type.IsValueType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
        {
            var fields = type.GetGenericArguments();
            if (fields.Length > 7 || fields.Any(f => f != typeof(Tensor)))
                throw Unsupported(type, "not every element of the tuple is a Tensor");
            var stacked = new object[first.Length];
            for (int k = 0; k < first.Length; k++)
                stacked[k] = Stack(items.Select(i => TensorIn(((ITuple)i!)[k], $" (tuple element {k + 1})")).ToList(), device, $" (tuple element {k + 1})");
            return Activator.CreateInstance(type, stacked)!;
        }

        if (items[0] is IDictionary<string, Tensor> dict)
        {
            var batch = new Dictionary<string, Tensor>();
            foreach (var key in dict.Keys)
                batch[key] = Stack(items.Select(i => ((IDictionary<string, Tensor>)i!).TryGetValue(key, out var t) ? t
                    : throw new ArgumentException($"default_collate: an item has no key \"{key}\", which the first item of the batch has.")).ToList(),
                    device, $" (key \"{key}\")");
            return batch;
        }

        if (items[0] is IList<Tensor> tensors)
        {
            var stacked = new Tensor[tensors.Count];
            for (int k = 0; k < tensors.Count; k++)
                stacked[k] = Stack(items.Select(i => ((IList<Tensor>)i!).Count == tensors.Count ? ((IList<Tensor>)i!)[k]
                    : throw new ArgumentException($"default_collate: items of one batch hold different numbers of tensors ({tensors.Count} and {((IList<Tensor>)i!).Count}).")).ToList(),
                    device, $" (position {k})");
            return type.IsArray ? stacked : stacked.ToList();
        }

        throw Unsupported(type, $"its items are {items[0]?.GetType().Name ?? "null"}");
    }

    private static Exception Unsupported(Type type, string why) => new NotSupportedException(
        $"default_collate cannot batch items of type {type.Name}: {why}. It stacks tensors and tuples, lists and " +
        "dictionaries of tensors; give the DataLoader a collate_fn for anything else.");

    private static Tensor TensorIn(object? item, string where) => item as Tensor
        ?? throw new ArgumentException($"default_collate: expected a Tensor{where} but an item holds {item?.GetType().Name ?? "null"}.");

    private static Tensor Stack(List<Tensor> tensors, Device? device, string where)
    {
        var shape0 = tensors[0].shape;
        for (int i = 1; i < tensors.Count; i++)
            if (!tensors[i].shape.SequenceEqual(shape0))
                throw new ArgumentException(
                    $"default_collate: the items of one batch must have the same shape{where}, but item 0 is [{string.Join(", ", shape0)}] " +
                    $"and item {i} is [{string.Join(", ", tensors[i].shape)}]. Resize them in the dataset, or give the DataLoader a collate_fn that pads.");
        var stacked = stack(tensors, 0);
        if (device is null || (stacked.device_type == device.type && (device.index < 0 || stacked.device_index == device.index)))
            return stacked;
        var moved = stacked.to(device);
        stacked.Dispose();
        return moved;
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>What the training helpers need to know about loaders, models and devices.</summary>
internal static class Batches
{
    /// <summary>
    /// The number of batches of a loader when it knows it (a DataLoader over a map-style dataset:
    /// its Count; a collection: its count), or null (a stream, a generator method).
    /// </summary>
    public static long? Count<T>(IEnumerable<T> loader)
    {
        if (loader is PairedBatches paired) return paired.Count;
        if (loader is ICollection<T> c) return c.Count;
        if (loader is IReadOnlyCollection<T> r) return r.Count;
        var property = loader.GetType().GetProperty("Count");
        if (property is null || property.GetIndexParameters().Length > 0) return null;
        try
        {
            return property.GetValue(loader) switch { long l => l, int i => i, _ => null };
        }
        catch (System.Reflection.TargetInvocationException)
        {
            return null; // a DataLoader over a stream-style dataset has no length
        }
    }

    /// <summary>The device of the model's parameters (CPU for a model without any).</summary>
    public static Device DeviceOf(nn.Module model)
    {
        foreach (var p in model.parameters()) return p.device;
        return CPU;
    }

    /// <summary>The tensor on <paramref name="device"/>: itself when already there (call inside a dispose scope).</summary>
    public static Tensor On(Tensor t, Device device) =>
        t.device_type == device.type && (device.index < 0 || t.device_index == device.index) ? t : t.to(device);

    public static long BatchSize(Tensor x) => x.ndim == 0 ? 1 : x.shape[0];
}

/// <summary>
/// Batches that are lists of two tensors (a DataLoader over a TensorDataset(X, y)) seen as
/// (input, label) pairs; the loader still owns and disposes them. Keeps the loader's batch count.
/// </summary>
internal sealed class PairedBatches(IEnumerable<IList<Tensor>> source) : IEnumerable<(Tensor, Tensor)>
{
    public long? Count => Batches.Count(source);

    public IEnumerator<(Tensor, Tensor)> GetEnumerator()
    {
        foreach (var batch in source)
        {
            if (batch is null || batch.Count != 2)
                throw new ArgumentException($"Expected batches of two tensors (inputs, labels), got {(batch is null ? "null" : batch.Count + " tensor(s)")}. " +
                    "Make the dataset with TensorDataset(X, y), or a dataset whose items are (input, label) pairs.");
            yield return (batch[0], batch[1]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision.Datasets;

/// <summary>
/// What MNIST and CIFAR-10 have in common: every image (uint8) and label held in memory, items made on demand as
/// torchvision makes them (a float image in [0, 1] without a transform, else the transform applied to the uint8 image;
/// the label through <see cref="target_transform"/>), and the tensors freed with the dataset.
/// </summary>
public abstract class InMemoryImageDataset : torch.utils.data.Dataset<(Tensor, Tensor)>
{
    private long[] _labels = [];

    public torchvision.ITransform? transform { get; protected init; }
    public torchvision.ITransform? target_transform { get; protected init; }

    /// <summary>All images, uint8, one per row (owned by the dataset).</summary>
    public Tensor data { get; private set; } = null!;

    /// <summary>All labels, int64, N (owned by the dataset).</summary>
    public Tensor targets { get; private set; } = null!;

    /// <summary>The class names, indexed by label.</summary>
    public IReadOnlyList<string> classes { get; protected set; } = [];

    /// <summary>Takes ownership of the images and labels a subclass has read.</summary>
    protected void SetData(Tensor images, long[] labels)
    {
        _labels = labels;
        data = images.DetachFromDisposeScope();
        targets = tensor(labels, ScalarType.Int64).DetachFromDisposeScope();
    }

    /// <summary>Image <paramref name="index"/> of <see cref="data"/> as the uint8 CHW tensor an item is made from.</summary>
    protected abstract Tensor RawImage(long index);

    public override long Count => _labels.LongLength;

    /// <summary>Item <paramref name="index"/> as <c>(image, label)</c>, as <c>dataset[index]</c> does in PyTorch.</summary>
    public (Tensor image, Tensor label) this[long index] => GetTensor(index);

    public override (Tensor, Tensor) GetTensor(long index)
    {
        if (index < 0 || index >= Count) throw new IndexOutOfRangeException($"Index {index} is out of range for a dataset of {Count} images.");
        using var scope = NewDisposeScope();
        Tensor image = transform is null ? RawImage(index).to(ScalarType.Float32).div_(255) : transform.call(RawImage(index).clone());
        Tensor label = tensor(_labels[index]);
        if (target_transform is not null) label = target_transform.call(label);
        image.MoveToOuterDisposeScope();
        label.MoveToOuterDisposeScope();
        return (image, label);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            data?.Dispose();
            targets?.Dispose();
        }
    }
}

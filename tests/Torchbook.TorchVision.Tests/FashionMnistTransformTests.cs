using TorchSharp;
using static TorchSharp.torch;
using Torchbook.Vision;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// The PyTorch tutorial's Fashion-MNIST pipeline: FashionMNIST(transform: ToTensor() / Compose(ToTensor(),
/// Normalize(...)), target_transform: one-hot Lambda) and a DataLoader over it. Needs Debian's
/// dataset-fashion-mnist (skipped without it); values from tests/parity/make_transform_goldens.py.
/// </summary>
public class FashionMnistTransformTests
{
    private const string G = "transforms.json";
    private static bool Installed => File.Exists(Path.Combine(Torchbook.Vision.Datasets.FashionMNIST.DebianFolder, "train-images-idx3-ubyte.gz"));
    private static string EmptyRoot => Path.Combine(Path.GetTempPath(), "torchbook-no-data-here");

    [Fact]
    public void ToTensor_on_the_dataset_gives_what_the_dataset_gives_without_a_transform()
    {
        if (!Installed || !VisionGoldens.Has(G, "fashion0_to_tensor")) return;
        using var plain = datasets.FashionMNIST(EmptyRoot, train: true);
        using var withToTensor = datasets.FashionMNIST(EmptyRoot, train: true, transform: transforms.ToTensor());
        var (a, la) = plain[0];
        var (b, lb) = withToTensor[0];
        VisionGoldens.AssertEqual(G, "fashion0_to_tensor", b);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.Equal(la.item<long>(), lb.item<long>());
    }

    [Fact]
    public void Normalized_images_and_one_hot_labels_batch_through_a_DataLoader()
    {
        if (!Installed || !VisionGoldens.Has(G, "fashion0_normalized")) return;
        using var train = datasets.FashionMNIST(EmptyRoot, train: true,
            transform: torchvision.transforms.Compose(transforms.ToTensor(), transforms.Normalize([0.2860], [0.3530])),
            target_transform: torchvision.transforms.Lambda(y => zeros(10, ScalarType.Float32).scatter_(0, y, tensor(1f))));
        var (image, label) = train[0];
        VisionGoldens.AssertEqual(G, "fashion0_normalized", image);
        Assert.Equal(new long[] { 10 }, label.shape);
        Assert.Equal(1f, label[9].item<float>()); // the first image is an ankle boot (class 9)
        Assert.Equal(1f, label.sum().item<float>());

        using var loader = new TorchSharp.Modules.DataLoader<(Tensor, Tensor), (Tensor, Tensor)>(train, 64,
            (items, device) => (stack(items.Select(i => i.Item1)), stack(items.Select(i => i.Item2))), disposeDataset: false);
        foreach (var (X, Y) in loader) // the loader disposes each batch when the loop moves on: look inside the loop
        {
            Assert.Equal(new long[] { 64, 1, 28, 28 }, X.shape);
            Assert.Equal(ScalarType.Float32, X.dtype);
            Assert.Equal(new long[] { 64, 10 }, Y.shape);
            Assert.True(X[0].eq(image).all().item<bool>());
            using var counts = Y.sum(1);
            Assert.True(counts.eq(1f).all().item<bool>());
            break;
        }
    }
}

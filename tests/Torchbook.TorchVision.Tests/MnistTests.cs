using Torchbook.Vision.Datasets;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>MNIST-format datasets over small IDX files the tests write (5 training, 3 test images).</summary>
public class MnistTests
{
    private static byte[] Pixels(int n, int seed) => Enumerable.Range(0, n * 28 * 28).Select(i => (byte)((i * 31 + seed) % 256)).ToArray();

    private static void WriteSet(string folder, bool gzip, int train = 5, int test = 3)
    {
        Directory.CreateDirectory(folder);
        string ext = gzip ? ".gz" : "";
        IdxFile.WriteBytes(Path.Combine(folder, "train-images-idx3-ubyte" + ext), Pixels(train, 1), [train, 28, 28], gzip);
        IdxFile.WriteBytes(Path.Combine(folder, "train-labels-idx1-ubyte" + ext), Enumerable.Range(0, train).Select(i => (byte)(9 - i % 10)).ToArray(), [train], gzip);
        IdxFile.WriteBytes(Path.Combine(folder, "t10k-images-idx3-ubyte" + ext), Pixels(test, 2), [test, 28, 28], gzip);
        IdxFile.WriteBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte" + ext), Enumerable.Range(0, test).Select(i => (byte)i).ToArray(), [test], gzip);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Items_are_float_images_in_0_1_and_int64_labels(bool gzip)
    {
        using var dir = new TempFolder();
        WriteSet(Path.Combine(dir.Path, "MNIST", "raw"), gzip);
        using var train = datasets.MNIST(dir.Path, train: true);
        using var test = datasets.MNIST(dir.Path, train: false);
        Assert.Equal(5, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal([5L, 28, 28], train.data.shape);
        Assert.Equal(ScalarType.Byte, train.data.dtype);
        Assert.Equal([9L, 8, 7, 6, 5], train.targets.data<long>().ToArray());
        Assert.Equal(10, train.classes.Count);

        var (image, label) = train[2];
        Assert.Equal([1L, 28, 28], image.shape);
        Assert.Equal(ScalarType.Float32, image.dtype);
        Assert.Equal(ScalarType.Int64, label.dtype);
        Assert.Equal(0, label.dim());
        Assert.Equal(7, label.item<long>());
        var expected = Pixels(5, 1).Skip(2 * 784).Take(784).Select(b => b / 255f).ToArray();
        Assert.Equal(expected, image.data<float>().ToArray());
    }

    [Fact]
    public void Transforms_see_the_uint8_image_and_the_label()
    {
        using var dir = new TempFolder();
        WriteSet(Path.Combine(dir.Path, "MNIST", "raw"), gzip: false);
        using var data = datasets.MNIST(dir.Path, train: true,
            target_transform: torchvision.transforms.Lambda(y => torch.zeros(10).scatter_(0, y.unsqueeze(0), 1f)),
            transform: torchvision.transforms.Lambda(x => { Assert.Equal(ScalarType.Byte, x.dtype); return x.to(ScalarType.Float32).sum(); }));
        var (image, label) = data[0];
        Assert.Equal(Pixels(5, 1).Take(784).Sum(b => (double)b), image.item<float>());
        Assert.Equal(1f, label[9].item<float>());
        Assert.Equal(1f, label.sum().item<float>());
        // In-place changes by a transform never reach the dataset's own images.
        using var mutating = datasets.MNIST(dir.Path, train: true, transform: torchvision.transforms.Lambda(x => x.zero_()));
        mutating.GetTensor(0);
        Assert.NotEqual(0, mutating.data[0].to(ScalarType.Int64).sum().item<long>());
    }

    [Fact]
    public void A_missing_file_names_the_file_the_folders_and_the_data_script()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => datasets.MNIST(dir.Path));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains(Path.Combine(dir.Path, "MNIST", "raw"), e.Message);

        // Fashion-MNIST points at its data script (the Debian folder is consulted last, so use a
        // file name only the test split has to be missing... by removing the test labels).
        WriteSet(Path.Combine(dir.Path, "FashionMNIST", "raw"), gzip: false);
        File.Delete(Path.Combine(dir.Path, "FashionMNIST", "raw", "t10k-labels-idx1-ubyte"));
        if (!File.Exists(Path.Combine(Torchbook.Vision.Datasets.FashionMNIST.DebianFolder, "t10k-labels-idx1-ubyte.gz")))
        {
            var f = Assert.Throws<FileNotFoundException>(() => datasets.FashionMNIST(dir.Path, train: false));
            Assert.Contains("t10k-labels-idx1-ubyte", f.Message);
            Assert.Contains("data-scripts/fashion-mnist.sh", f.Message);
        }
    }

    [Fact]
    public void A_truncated_file_in_the_data_folder_names_the_file_and_the_script()
    {
        using var dir = new TempFolder();
        var raw = Path.Combine(dir.Path, "FashionMNIST", "raw");
        WriteSet(raw, gzip: false);
        var images = Path.Combine(raw, "train-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => datasets.FashionMNIST(dir.Path));
        Assert.Contains(images, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("data-scripts/fashion-mnist.sh", e.Message);
    }

    [Fact]
    public void Labels_must_match_the_images()
    {
        using var dir = new TempFolder();
        var raw = Path.Combine(dir.Path, "MNIST", "raw");
        WriteSet(raw, gzip: false);
        IdxFile.WriteBytes(Path.Combine(raw, "train-labels-idx1-ubyte"), [1, 2, 3], [3]);
        Assert.Contains("3 labels", Assert.Throws<InvalidDataException>(() => datasets.MNIST(dir.Path)).Message);
        IdxFile.WriteBytes(Path.Combine(raw, "train-labels-idx1-ubyte"), [1, 2, 3, 4, 12], [5]);
        Assert.Contains("only 10 classes", Assert.Throws<InvalidDataException>(() => datasets.MNIST(dir.Path)).Message);
    }

    private sealed class Lambda(Func<Tensor, Tensor> f) : torchvision.ITransform
    {
        public Tensor call(Tensor input) => f(input);
    }
}

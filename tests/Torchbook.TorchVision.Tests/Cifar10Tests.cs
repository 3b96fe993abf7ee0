using TorchSharp;
using Torchbook.Vision;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// datasets.CIFAR10 on small batch files written by the tests in CIFAR-10's binary layout (a label byte, then the red,
/// green and blue planes of 1,024 bytes each, row by row), and the Fashion-MNIST stand-in in that layout.
/// </summary>
public class Cifar10Tests
{
    private static readonly string[] Train = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    // Record k of a file: label (seed + k) % 10; pixel (c, y, x) = (seed + k + 3c + y + x) % 256.
    private static byte[] Records(int seed, int count)
    {
        var bytes = new byte[count * 3073];
        for (int k = 0; k < count; k++)
        {
            bytes[k * 3073] = (byte)((seed + k) % 10);
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        bytes[k * 3073 + 1 + c * 1024 + y * 32 + x] = (byte)((seed + k + 3 * c + y + x) % 256);
        }
        return bytes;
    }

    private static string WriteFolder(TempFolder dir, string under = "CIFAR10/cifar-10-batches-bin")
    {
        var folder = Path.Combine(dir.Path, under);
        Directory.CreateDirectory(folder);
        for (int b = 0; b < 5; b++) File.WriteAllBytes(Path.Combine(folder, Train[b]), Records(10 * b, 2));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Records(100, 3));
        File.WriteAllText(Path.Combine(folder, "batches.meta.txt"), "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        return folder;
    }

    [Fact]
    public void Reads_the_five_training_batches_in_order_with_labels_and_planes_in_place()
    {
        using var dir = new TempFolder();
        WriteFolder(dir);
        Assert.True(Torchbook.Vision.Datasets.CIFAR10.IsAvailable(dir.Path));
        using var ds = datasets.CIFAR10(dir.Path, train: true);
        Assert.Equal(10, ds.Count);
        Assert.Equal(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], ds.classes);
        Assert.Equal([0L, 1, 0, 1, 0, 1, 0, 1, 0, 1], ds.targets.data<long>().ToArray());   // seeds 0, 10, 20, ...: labels 0, 1 in each
        Assert.Equal([10L, 3, 32, 32], ds.data.shape);
        // Item 3 is record 1 of batch 2 (seed 10): pixel (c, y, x) = (11 + 3c + y + x) % 256.
        Assert.Equal((byte)(11 + 3 * 2 + 5 + 7), ds.data[3, 2, 5, 7].item<byte>());
        var (image, label) = ds[3];
        Assert.Equal(ScalarType.Float32, image.dtype);
        Assert.Equal((11 + 3 * 2 + 5 + 7) / 255f, image[2, 5, 7].item<float>(), 6);
        Assert.Equal(1L, label.item<long>());

        using var test = datasets.CIFAR10(dir.Path, train: false, transform: transforms.ToTensor());
        Assert.Equal(3, test.Count);
        Assert.Equal([0L, 1, 2], test.targets.data<long>().ToArray());
    }

    [Fact]
    public void The_batches_folder_directly_under_root_is_read_too()
    {
        using var dir = new TempFolder();
        WriteFolder(dir, "cifar-10-batches-bin");
        using var ds = datasets.CIFAR10(dir.Path, train: false);
        Assert.Equal(3, ds.Count);
    }

    [Fact]
    public void Missing_truncated_and_mislabelled_batches_are_explained()
    {
        using var dir = new TempFolder();
        var missing = Assert.Throws<FileNotFoundException>(() => datasets.CIFAR10(dir.Path));
        Assert.Contains("data-scripts/cifar10.sh", missing.Message);
        Assert.False(Torchbook.Vision.Datasets.CIFAR10.IsAvailable(dir.Path));

        var folder = WriteFolder(dir);
        File.WriteAllBytes(Path.Combine(folder, "data_batch_3.bin"), Records(0, 2)[..5000]);
        var truncated = Assert.Throws<InvalidDataException>(() => datasets.CIFAR10(dir.Path));
        Assert.Contains("data_batch_3.bin: 5,000 bytes is not a whole number of 3073-byte records", truncated.Message);
        Assert.Contains("cifar10.sh", truncated.Message);

        var bad = Records(0, 2);
        bad[3073] = 12;
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), bad);
        var label = Assert.Throws<InvalidDataException>(() => datasets.CIFAR10(dir.Path, train: false));
        Assert.Contains("record 1 has label 12, but batches.meta.txt names 10 classes", label.Message);
    }

    [Fact]
    public void The_stand_in_is_Fashion_MNIST_padded_to_32x32_in_three_equal_channels_and_says_so()
    {
        using var dir = new TempFolder();
        var standIn = Cifar10StandIn.Create(dir.Path);   // reads Fashion-MNIST from Debian's package when dir has none
        Assert.True(Cifar10StandIn.IsStandIn(standIn));
        Assert.Contains("not CIFAR-10", File.ReadAllText(Path.Combine(standIn, Cifar10StandIn.MarkerFile)));
        using var fashion = datasets.FashionMNIST(dir.Path, train: true);
        using var train = datasets.CIFAR10(standIn, train: true);
        using var test = datasets.CIFAR10(standIn, train: false);
        Assert.Equal(50_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(fashion.classes, train.classes);
        foreach (var i in new[] { 0, 12_345, 49_999 })
        {
            Assert.Equal(fashion.targets[i].item<long>(), train.targets[i].item<long>());
            using var image = train.data[i];
            for (int c = 0; c < 3; c++) Assert.True(image[c, 2..30, 2..30].equal(fashion.data[i]).all().item<bool>(), $"image {i}, channel {c}");
            Assert.Equal(0, image.sum().item<long>() - fashion.data[i].to(ScalarType.Int64).sum().item<long>() * 3);   // the border is black
        }
        Assert.Equal(standIn, Cifar10StandIn.Create(dir.Path));   // a second call finds it
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*"));
    }
}

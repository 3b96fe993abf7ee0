using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// The real Fashion-MNIST from Debian's dataset-fashion-mnist, when installed. Expected values
/// come from /usr/bin/python3 reading the same gzipped IDX files with numpy:
/// train image 0 sums to 76247 (pixel values) with label 9; test image 0 sums to 33456, label 9;
/// the last training image sums to 16684 with label 5.
/// </summary>
public class FashionMnistDebianTests
{
    private static bool Installed => File.Exists(Path.Combine(Torchbook.Vision.Datasets.FashionMNIST.DebianFolder, "train-images-idx3-ubyte.gz"));

    // A root with no Fashion-MNIST of its own, so the Debian folder is what is read.
    private static string EmptyRoot => Path.Combine(Path.GetTempPath(), "torchbook-no-data-here");

    [Fact]
    public void Training_set_matches_what_Python_reads()
    {
        if (!Installed) return; // dataset-fashion-mnist not installed: nothing to compare with
        using var train = datasets.FashionMNIST(EmptyRoot, train: true);
        Assert.StartsWith(Torchbook.Vision.Datasets.FashionMNIST.DebianFolder, train.images_file);
        Assert.Equal(60000, train.Count);
        Assert.Equal([60000L, 28, 28], train.data.shape);
        Assert.Equal(76247, train.data[0].to(ScalarType.Int64).sum().item<long>());
        Assert.Equal(16684, train.data[-1].to(ScalarType.Int64).sum().item<long>());
        var (image, label) = train[0];
        Assert.Equal(9, label.item<long>());
        Assert.Equal("Ankle boot", train.classes[(int)label.item<long>()]);
        Assert.Equal(76247 / 255.0, image.to(ScalarType.Float64).sum().item<double>(), 3);
        Assert.Equal(5, train[59999].Item2.item<long>());
        // 6000 images per class.
        var counts = train.targets.to(ScalarType.Int64).data<long>().ToArray().GroupBy(l => l).Select(g => g.Count()).Distinct();
        Assert.Equal([6000], counts);
    }

    [Fact]
    public void Test_set_matches_what_Python_reads()
    {
        if (!Installed) return;
        using var test = datasets.FashionMNIST(EmptyRoot, train: false);
        Assert.Equal(10000, test.Count);
        Assert.Equal(33456, test.data[0].to(ScalarType.Int64).sum().item<long>());
        Assert.Equal(9, test.targets[0].item<long>());
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], test.classes);
    }
}

[Collection(nameof(EnvironmentCollection))]
public class DataFolderTests
{
    [Fact]
    public void The_data_folder_is_data_at_the_repository_root_unless_TORCHBOOK_DATA_moves_it()
    {
        var saved = Environment.GetEnvironmentVariable(DataFolder.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, null);
            var repo = DataFolder.RepositoryRoot;
            Assert.NotNull(repo); // the tests run from the repository's bin folder
            Assert.True(File.Exists(Path.Combine(repo!, "Torchbook.slnx")));
            Assert.Equal(Path.Combine(repo!, "data"), DataFolder.Root);
            Assert.Equal(Path.Combine(repo!, "data", "FashionMNIST"), DataFolder.For("FashionMNIST"));

            using var dir = new TempFolder();
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, dir.Path);
            Assert.Equal(dir.Path, DataFolder.Root);
            // The datasets default to it.
            var e = Assert.Throws<FileNotFoundException>(() => datasets.MNIST());
            Assert.Contains(Path.Combine(dir.Path, "MNIST", "raw"), e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, saved);
        }
    }
}

[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public class EnvironmentCollection;

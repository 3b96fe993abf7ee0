using TorchSharp;
using Torchbook.Vision;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// ShirtsImageFolder, chapter 8's stand-in for the ants and bees: Debian's Fashion-MNIST (dataset-fashion-mnist, which
/// ./build.sh prereqs installs) written as an image folder with hymenoptera_data's layout and numbers. Expected file
/// names and pixel sums come from /usr/bin/python3 reading the same IDX files with numpy: the first shirt (label 6) of
/// the training set is image 18 (pixels sum to 88005), the 121st T-shirt (label 0) is image 1158 (59881); in the test
/// set the first shirt is image 4 (62655) and the 83rd T-shirt image 737 (17130).
/// </summary>
public class ShirtsImageFolderTests
{
    private static long PixelSum(string file)
    {
        using var png = torchvision.io.read_image(file);
        Assert.Equal([1L, 28, 28], png.shape);
        return png.to(ScalarType.Int64).sum().item<long>();
    }

    [Fact]
    public void The_folder_has_the_ants_and_bees_layout_and_numbers_with_Fashion_MNISTs_pixels()
    {
        Assert.True(File.Exists(Path.Combine(Vision.Datasets.FashionMNIST.DebianFolder, "train-images-idx3-ubyte.gz")),
            "Debian's dataset-fashion-mnist is not installed: run ./build.sh prereqs");
        using var dir = new TempFolder();   // no Fashion-MNIST of its own: the Debian folder is read
        var folder = ShirtsImageFolder.Create(dir.Path);
        Assert.Equal(dir.File("shirts-or-t-shirts"), folder);
        var train = datasets.ImageFolder(Path.Combine(folder, "train"));
        var val = datasets.ImageFolder(Path.Combine(folder, "val"));
        Assert.Equal(["shirt", "t-shirt"], train.classes);
        Assert.Equal([123, 121], train.targets.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal([70, 83], val.targets.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(244, train.Count);
        Assert.Equal(153, val.Count);

        Assert.Equal(88005, PixelSum(Path.Combine(folder, "train", "shirt", "fmnist-train-00018.png")));
        Assert.Equal(59881, PixelSum(Path.Combine(folder, "train", "t-shirt", "fmnist-train-01158.png")));
        Assert.Equal(62655, PixelSum(Path.Combine(folder, "val", "shirt", "fmnist-test-00004.png")));
        Assert.Equal(17130, PixelSum(Path.Combine(folder, "val", "t-shirt", "fmnist-test-00737.png")));
        Assert.False(File.Exists(Path.Combine(folder, "train", "t-shirt", "fmnist-train-01159.png")));
        Assert.Contains("stand-in", File.ReadAllText(Path.Combine(folder, ShirtsImageFolder.ReadmeFile)));

        // A second call finds the folder complete and leaves it alone.
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(folder, ShirtsImageFolder.ReadmeFile));
        Assert.Equal(folder, ShirtsImageFolder.Create(dir.Path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(folder, ShirtsImageFolder.ReadmeFile)));
        Assert.Equal(["shirts-or-t-shirts"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}

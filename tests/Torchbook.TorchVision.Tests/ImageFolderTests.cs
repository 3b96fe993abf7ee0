using TorchSharp;
using Torchbook.Vision;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>datasets.ImageFolder on small folders written by the tests: torchvision's rules for classes, labels and files.</summary>
public class ImageFolderTests
{
    private static void Png(string path, byte value, int channels = 1, int size = 4)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = full([channels, size, size], value, ScalarType.Byte);
        torchvision.io.write_png(image, path);
    }

    [Fact]
    public void Classes_are_the_folders_in_ordinal_order_and_files_are_taken_in_order_including_sub_folders()
    {
        using var dir = new TempFolder();
        Png(dir.File("fish/b.png"), 10);
        Png(dir.File("fish/a.PNG"), 20);
        Png(dir.File("fish/more/c.png"), 30);
        Png(dir.File("Zebra/z.png"), 40);
        Png(dir.File("cat/x.png"), 50);
        File.WriteAllText(dir.File("cat/notes.txt"), "not an image");
        File.WriteAllText(dir.File("loose.png"), "a file in the root is no class");

        var ds = datasets.ImageFolder(dir.Path);
        Assert.Equal(["Zebra", "cat", "fish"], ds.classes);   // ordinal: upper case first, as Python sorts
        Assert.Equal(new Dictionary<string, long> { ["Zebra"] = 0, ["cat"] = 1, ["fish"] = 2 }, ds.class_to_idx);
        Assert.Equal(["Zebra/z.png", "cat/x.png", "fish/a.PNG", "fish/b.png", "fish/more/c.png"],
            ds.samples.Select(s => Path.GetRelativePath(dir.Path, s.path).Replace('\\', '/')));
        Assert.Equal([0L, 1, 2, 2, 2], ds.targets);
        Assert.Equal(5, ds.Count);

        var (image, label) = ds[2];
        Assert.Equal([3L, 4, 4], image.shape);   // grey files come out RGB, as PIL's convert("RGB") makes them
        Assert.Equal(ScalarType.Byte, image.dtype);
        Assert.Equal(20, image[2, 3, 3].item<byte>());
        Assert.Equal(2L, label.item<long>());
        Assert.Equal(ScalarType.Int64, label.dtype);
    }

    [Fact]
    public void Transforms_apply_to_the_image_and_the_label()
    {
        using var dir = new TempFolder();
        Png(dir.File("a/1.png"), 255, channels: 3);
        var ds = datasets.ImageFolder(dir.Path, transform: transforms.ToTensor(),
            target_transform: torchvision.transforms.Lambda(t => t + 10));
        var (image, label) = ds[0];
        Assert.Equal(ScalarType.Float32, image.dtype);
        Assert.Equal(1f, image.min().item<float>());
        Assert.Equal(10L, label.item<long>());
    }

    [Fact]
    public void is_valid_file_chooses_the_files_and_a_custom_loader_reads_them()
    {
        using var dir = new TempFolder();
        Png(dir.File("a/keep.png"), 1);
        Png(dir.File("a/skip.png"), 2);
        File.WriteAllText(dir.File("a/data.bin"), "x");
        var ds = datasets.ImageFolder(dir.Path, is_valid_file: p => !p.EndsWith("skip.png"), loader: p => tensor(new FileInfo(p).Length));
        Assert.Equal(["data.bin", "keep.png"], ds.samples.Select(s => Path.GetFileName(s.path)));
        Assert.Equal(1L, ds[0].Item1.item<long>());   // the loader's result: the file's length
    }

    [Fact]
    public void A_missing_folder_a_folder_without_classes_and_an_empty_class_are_explained()
    {
        using var dir = new TempFolder();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => datasets.ImageFolder(dir.File("nowhere")));
        Assert.Contains("nowhere does not exist", missing.Message);

        File.WriteAllText(dir.File("a.png"), "x");
        var noClasses = Assert.Throws<FileNotFoundException>(() => datasets.ImageFolder(dir.Path));
        Assert.Contains("couldn't find any class folder", noClasses.Message);

        Png(dir.File("cat/1.png"), 1);
        Directory.CreateDirectory(dir.File("fish"));
        File.WriteAllText(dir.File("fish/readme.txt"), "x");
        var empty = Assert.Throws<FileNotFoundException>(() => datasets.ImageFolder(dir.Path));
        Assert.Contains("no valid file for the class fish", empty.Message);
        Assert.Contains(".jpg, .jpeg, .png", empty.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_image_fails_when_read_naming_it_and_is_valid_file_can_leave_it_out()
    {
        using var dir = new TempFolder();
        Png(dir.File("cat/good.png"), 1);
        File.WriteAllText(dir.File("cat/broken.jpg"), "this is text, not a JPEG");
        var ds = datasets.ImageFolder(dir.Path);
        var e = Assert.Throws<InvalidDataException>(() => ds[0]);
        Assert.Contains("broken.jpg could not be read as an image", e.Message);
        Assert.Contains("is_valid_file", e.Message);

        static bool Decodes(string path)
        {
            try { torchvision.io.read_image(path).Dispose(); return true; }
            catch (InvalidDataException) { return false; }
        }
        var checkedDs = datasets.ImageFolder(dir.Path, is_valid_file: Decodes);
        Assert.Equal(["good.png"], checkedDs.samples.Select(s => Path.GetFileName(s.path)));
    }

    [Fact]
    public void Indices_out_of_range_are_refused()
    {
        using var dir = new TempFolder();
        Png(dir.File("a/1.png"), 1);
        var ds = datasets.ImageFolder(dir.Path);
        Assert.Throws<IndexOutOfRangeException>(() => ds[1]);
        Assert.Throws<IndexOutOfRangeException>(() => ds[-1]);
    }
}

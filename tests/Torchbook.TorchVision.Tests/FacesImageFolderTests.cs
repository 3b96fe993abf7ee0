using TorchSharp;
using Torchbook.Vision;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>FacesImageFolder: lfw_subset.npy turned into an image folder, split without overlap, written once.</summary>
public class FacesImageFolderTests
{
    private static string RootWithLfw(TempFolder dir)
    {
        var photos = SamplePhotosData.EnsureFetched();
        Directory.CreateDirectory(dir.File("sample-photos"));
        File.Copy(Path.Combine(photos, "lfw_subset.npy"), dir.File("sample-photos/lfw_subset.npy"));
        return dir.Path;
    }

    [Fact]
    public void Every_crop_lands_in_exactly_one_split_under_its_class_with_its_pixels()
    {
        using var dir = new TempFolder();
        var folder = FacesImageFolder.Create(RootWithLfw(dir));
        Assert.Equal(dir.File("faces-or-background"), folder);
        var seen = new HashSet<int>();
        foreach (var (split, count) in new[] { ("train", 70), ("val", 15), ("test", 15) })
        {
            var ds = datasets.ImageFolder(Path.Combine(folder, split));
            Assert.Equal(["background", "face"], ds.classes);
            Assert.Equal(2 * count, ds.Count);
            foreach (var (path, label) in ds.samples)
            {
                var index = int.Parse(Path.GetFileNameWithoutExtension(path)["lfw-".Length..]);
                Assert.True(seen.Add(index), $"crop {index} is in two splits");
                Assert.Equal(index < 100 ? 1L : 0L, label);   // lfw_subset: faces first, then background
            }
        }
        Assert.Equal(200, seen.Count);
        Assert.Contains("Labeled Faces in the Wild", File.ReadAllText(Path.Combine(folder, FacesImageFolder.ReadmeFile)));

        // The PNG holds the array's values scaled to bytes: crop 7's first row.
        using var png = torchvision.io.read_image(Directory.GetFiles(folder, "lfw-007.png", SearchOption.AllDirectories).Single());
        Assert.Equal([1L, 25, 25], png.shape);
        var bytes = File.ReadAllBytes(dir.File("sample-photos/lfw_subset.npy"));
        int header = 10 + BitConverter.ToUInt16(bytes, 8);
        for (int x = 0; x < 25; x++)
        {
            var value = BitConverter.ToDouble(bytes, header + 8 * (7 * 625 + x));
            Assert.Equal((byte)Math.Round(value * 255), png[0, 0, x].item<byte>());
        }
    }

    [Fact]
    public void A_second_call_keeps_the_folder_and_the_same_files_come_out_every_time()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        var first = FacesImageFolder.Create(RootWithLfw(a));
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(first, FacesImageFolder.ReadmeFile));
        Thread.Sleep(20);
        Assert.Equal(first, FacesImageFolder.Create(a.Path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(first, FacesImageFolder.ReadmeFile)));

        var second = FacesImageFolder.Create(RootWithLfw(b));
        static string[] List(string f) => Directory.GetFiles(f, "*.png", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(f, p)).Order().ToArray();
        Assert.Equal(List(first), List(second));
        Assert.Empty(Directory.GetDirectories(a.Path, ".*"));   // no temporary folder left behind
    }

    [Fact]
    public void Without_lfw_subset_the_message_names_the_script()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => FacesImageFolder.Create(dir.Path));
        Assert.Contains("data-scripts/sample-photos.sh", e.Message);
        Assert.False(Directory.Exists(dir.File("faces-or-background")));
    }

    [Theory]
    [InlineData("text", "is not a numpy .npy file")]
    [InlineData("truncated", "should hold 125000 float64 values")]
    [InlineData("uint8", "expected little-endian float64")]
    public void A_damaged_lfw_subset_is_refused_and_nothing_is_written(string damage, string message)
    {
        using var dir = new TempFolder();
        var path = Path.Combine(RootWithLfw(dir), "sample-photos", "lfw_subset.npy");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "text" => "hello"u8.ToArray(),
            "truncated" => bytes[..^8],
            _ => System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(bytes).Replace("'<f8'", "'|u1'")),
        });
        var e = Assert.Throws<InvalidDataException>(() => FacesImageFolder.Create(dir.Path));
        Assert.Contains(message, e.Message);
        Assert.Contains("sample-photos.sh", e.Message);
        Assert.False(Directory.Exists(dir.File("faces-or-background")));
    }
}

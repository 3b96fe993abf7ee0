using System.Security.Cryptography;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// The sample photos read with torchvision.io, compared with what PIL decodes from the same files
/// (tests/parity/make_sample_photo_goldens.py: shape, sum and SHA-256 of the pixels). Real photos:
/// baseline and progressive JPEGs, gray, RGB and RGBA PNGs. A colour JPEG read as GRAY is PIL's
/// convert("L") of its RGB, not libjpeg's own gray (torchvision's): see ImageDecodeTests.
/// </summary>
public class SamplePhotosTests
{
    private static JsonElement Root => JsonDocument.Parse(File.ReadAllText(ImageGoldens.File("sample-photos.json"))).RootElement;

    private static JsonElement Goldens => Root.GetProperty("photos");

    [Fact]
    public void Every_photo_decodes_exactly_as_PIL_decodes_it()
    {
        SamplePhotosData.EnsureFetched();
        var goldens = Goldens;
        var colourJpegGray = Root.GetProperty("colour_jpeg_gray");
        Assert.Equal(SamplePhotos.All.Select(p => p.FileName).Order(), goldens.EnumerateObject().Select(p => p.Name).Order());
        foreach (var photo in SamplePhotos.All)
            foreach (var (mode, libjpegGolden) in goldens.GetProperty(photo.FileName).EnumerateObject().Select(p => (Enum.Parse<ImageReadMode>(p.Name), p.Value)))
            {
                var golden = libjpegGolden;
                if (mode == ImageReadMode.GRAY && colourJpegGray.TryGetProperty(photo.FileName, out var converted))
                {
                    golden = converted.GetProperty("convert_L");
                    Assert.InRange(converted.GetProperty("max_difference").GetInt32(), 0, ImageDecodeTests.LibjpegGrayBound);
                }
                using var image = SamplePhotos.Load(photo.Name, mode);
                var what = $"{photo.FileName} {mode}";
                Assert.Equal(golden.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), image.shape);
                var bytes = image.data<byte>().ToArray();
                Assert.True(golden.GetProperty("sum").GetInt64() == bytes.Sum(b => (long)b), $"{what}: the pixel sum differs from PIL's");
                Assert.True(golden.GetProperty("sha256").GetString() == Convert.ToHexStringLower(SHA256.HashData(bytes)), $"{what}: the pixels differ from PIL's");
            }
    }

    [Fact]
    public void Load_gives_chelsea_the_cat_as_an_RGB_tensor()
    {
        SamplePhotosData.EnsureFetched();
        using var cat = SamplePhotos.Load("chelsea");
        Assert.Equal([3L, 300, 451], cat.shape);
        Assert.Equal(ScalarType.Byte, cat.dtype);
        using var gray = SamplePhotos.Load("camera", ImageReadMode.RGB);
        Assert.Equal([3L, 512, 512], gray.shape);
        Assert.True(gray[0].eq(gray[2]).all().item<bool>());
        Assert.Equal(SamplePhotos.PathOf("rocket.jpg"), Path.Combine(SamplePhotos.Folder(), "rocket.jpg"));
    }

    [Fact]
    public void Missing_photos_name_the_script_to_run()
    {
        using var empty = new TempFolder();
        Assert.False(SamplePhotos.Available(empty.Path));
        var e = Assert.Throws<FileNotFoundException>(() => SamplePhotos.Load("astronaut", root: empty.Path));
        Assert.Contains("data-scripts/sample-photos.sh", e.Message);
        Assert.Contains(Path.Combine(empty.Path, "sample-photos"), e.Message);
    }

    [Fact]
    public void Unknown_names_list_the_photos()
    {
        var e = Assert.Throws<ArgumentException>(() => SamplePhotos.Info("lena"));
        Assert.Contains("no sample photo named 'lena'", e.Message);
        Assert.Contains("astronaut, camera, coffee, chelsea", e.Message);
        Assert.Equal("CC BY 2.0 (attribution required)", SamplePhotos.Info("China").License);
    }

    [Fact]
    public void The_list_is_the_scripts_list()
    {
        // The script's PHOTOS table and SamplePhotos.Files hold the same files, descriptions, credits and licences.
        var script = File.ReadAllLines(Path.Combine(DataFolder.RepositoryRoot!, "data-scripts", "sample-photos.sh"));
        var rows = script.Select(l => l.Trim()).Where(l => l.StartsWith('"') && l.Contains("|python3-"))
            .Select(l => l.Trim('"').Split('|')).ToArray();
        Assert.Equal(SamplePhotos.Files.Count, rows.Length);
        foreach (var (photo, row) in SamplePhotos.Files.Zip(rows))
            Assert.Equal([photo.FileName, photo.Description, photo.Credit, photo.License], new[] { row[0], row[4], row[5], row[6] });
    }
}

using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;

namespace Torchbook.TorchVision.Tests;

/// <summary>Writing PNG and JPEG: round trips, the encoder against PIL's, atomic files, wrong tensors.</summary>
public class ImageEncodeTests
{
    private static Tensor Pattern(long channels, long height, long width)
    {
        var values = new byte[channels * height * width];
        for (var i = 0; i < values.Length; i++) values[i] = (byte)((i * 37 + i / 7 * 11) % 256);
        return tensor(values, [channels, height, width], ScalarType.Byte);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void write_png_then_read_image_gives_the_same_pixels(int channels)
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var image = Pattern(channels, 9, 14);
        foreach (var level in new[] { 0, 6, 9 })
        {
            var path = folder.File($"out-{level}.png");
            write_png(image, path, level);
            Assert.True(image.equal(read_image(path)), $"{channels} channels, level {level}");
        }
        // Higher levels never make a bigger file for this pattern, and level 0 stores the pixels raw.
        Assert.True(new FileInfo(folder.File("out-9.png")).Length <= new FileInfo(folder.File("out-0.png")).Length);
        Assert.True(new FileInfo(folder.File("out-0.png")).Length > image.numel());
    }

    [Fact]
    public void encode_png_gives_a_PNG_file_in_a_byte_tensor()
    {
        using var scope = NewDisposeScope();
        var image = Pattern(3, 4, 5);
        var png = encode_png(image);
        Assert.Equal(ScalarType.Byte, png.dtype);
        Assert.Equal(1, png.dim());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, png[TensorIndex.Slice(0, 8)].ToArray<byte>());
        Assert.True(image.equal(decode_png(png)));
    }

    [Fact]
    public void A_non_contiguous_image_is_written_as_it_looks()
    {
        using var scope = NewDisposeScope();
        var hwc = Pattern(5, 6, 3);                       // [5, 6, 3] viewed as height, width, channels
        var chw = hwc.permute(2, 0, 1);                   // [3, 5, 6], not contiguous
        Assert.False(chw.is_contiguous());
        Assert.True(chw.equal(decode_image(encode_png(chw))));
        var flipped = Pattern(3, 5, 6)[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, 2)];
        Assert.True(flipped.equal(decode_image(encode_png(flipped))));
    }

    [Fact]
    public void JPEG_encoding_matches_PIL_pixel_for_pixel()
    {
        // Same libjpeg-turbo, same defaults (baseline, 4:2:0, integer DCT, libjpeg's quality tables):
        // what PIL's JPEG decodes to is what ours decodes to.
        using var scope = NewDisposeScope();
        foreach (var c in ImageGoldens.Json.GetProperty("jpeg_encode").EnumerateArray())
        {
            var source = c.GetProperty("source").GetString()!;
            var quality = c.GetProperty("quality").GetInt32();
            var image = read_image(ImageGoldens.File(source));
            var decoded = decode_jpeg(encode_jpeg(image, quality));
            ImageGoldens.AssertEqual(ImageGoldens.Tensor(c.GetProperty("decoded")), decoded, $"{source} at quality {quality}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void write_jpeg_then_read_image_is_close(int channels)
    {
        // A smooth image (JPEG's use case): at quality 95 no pixel moves by more than a few levels.
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var y = arange(32, dtype: ScalarType.Float32).view(1, 32, 1);
        var x = arange(48, dtype: ScalarType.Float32).view(1, 1, 48);
        var image = (y * 3 + x * 2 + arange(channels, dtype: ScalarType.Float32).view(channels, 1, 1) * 20).clamp(0, 255).to(ScalarType.Byte);
        var path = folder.File("smooth.jpg");
        write_jpeg(image, path, quality: 95);
        var back = read_image(path);
        Assert.Equal(image.shape, back.shape);
        var worst = (back.to(ScalarType.Int32) - image.to(ScalarType.Int32)).abs().max().item<int>();
        Assert.InRange(worst, 0, 4);
        // Lower quality: a smaller file.
        write_jpeg(image, folder.File("low.jpg"), quality: 20);
        Assert.True(new FileInfo(folder.File("low.jpg")).Length < new FileInfo(path).Length);
    }

    [Fact]
    public void write_image_and_encode_image_pick_the_format()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var image = Pattern(3, 8, 8);
        write_image(image, folder.File("a"), torchvision.ImageFormat.Png);
        write_image(image, folder.File("b"), torchvision.ImageFormat.Jpeg);
        Assert.Equal(0x89, File.ReadAllBytes(folder.File("a"))[0]);
        Assert.Equal(0xFF, File.ReadAllBytes(folder.File("b"))[0]);
        Assert.True(encode_image(image, torchvision.ImageFormat.Png).equal(encode_png(image)));
        var e = Assert.Throws<ArgumentException>(() => encode_image(image, torchvision.ImageFormat.Unknown));
        Assert.Contains("ImageFormat.Png", e.Message);
    }

    [Fact]
    public void Writing_is_atomic_and_leaves_no_temporary_files()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var path = folder.File("image.png");
        write_png(Pattern(1, 3, 3), path);
        write_png(Pattern(3, 4, 4), path); // replaces it
        Assert.Equal([3L, 4, 4], read_image(path).shape);
        // A failing write leaves the old file as it was.
        var before = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => write_jpeg(Pattern(4, 4, 4), path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["image.png"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        // A missing folder is named.
        var missing = Path.Combine(folder.Path, "no-such-folder", "x.png");
        var e = Assert.Throws<DirectoryNotFoundException>(() => write_png(Pattern(1, 2, 2), missing));
        Assert.Contains("no-such-folder", e.Message);
    }

    [Fact]
    public void write_file_and_read_file_round_trip_bytes()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var bytes = tensor(new byte[] { 0, 1, 2, 254, 255 }, ScalarType.Byte);
        write_file(folder.File("bytes.bin"), bytes);
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, File.ReadAllBytes(folder.File("bytes.bin")));
        Assert.True(bytes.equal(read_file(folder.File("bytes.bin"))));
        var e = Assert.Throws<ArgumentException>(() => write_file(folder.File("x"), Pattern(3, 2, 2)));
        Assert.Contains("write_png or write_jpeg", e.Message);
    }

    [Fact]
    public void Wrong_tensors_are_refused_with_what_to_do()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var path = folder.File("x.png");

        var e = Assert.Throws<ArgumentException>(() => write_png(rand(3, 4, 4), path));
        Assert.Contains("uint8", e.Message);
        Assert.Contains("Float32", e.Message);
        Assert.Contains("* 255", e.Message);

        e = Assert.Throws<ArgumentException>(() => write_png(Pattern(1, 4, 4).squeeze(0), path));
        Assert.Contains("[channels, height, width], not [4, 4]", e.Message);
        Assert.Contains("unsqueeze(0)", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_png(Pattern(2, 3, 4, 4)));
        Assert.Contains("images[i]", e.Message);

        e = Assert.Throws<ArgumentException>(() => write_png(Pattern(5, 4, 4), path));
        Assert.Contains("5 channels", e.Message);

        e = Assert.Throws<ArgumentException>(() => write_png(Pattern(6, 5, 3), path));
        Assert.Contains("permute(2, 0, 1)", e.Message);

        e = Assert.Throws<ArgumentException>(() => write_jpeg(Pattern(4, 4, 4), path));
        Assert.Contains("no transparency", e.Message);
        Assert.Contains("image[..^1]", e.Message);

        e = Assert.Throws<ArgumentException>(() => write_jpeg(Pattern(3, 0, 4), path));
        Assert.Contains("empty", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => encode_png(Pattern(1, 2, 2), compression_level: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => encode_jpeg(Pattern(1, 2, 2), quality: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => encode_jpeg(Pattern(1, 2, 2), quality: 101));
        Assert.False(File.Exists(path));
    }

    private static Tensor Pattern(long n, long channels, long height, long width) => Pattern(n * channels, height, width).view(n, channels, height, width);
}

using TorchSharp;
using Torchbook.Vision.IO;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;
using ImageFormat = TorchSharp.torchvision.ImageFormat;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Writing PNG and JPEG through torchvision.io (Torchbook's PilImager): round trips, the JPEG
/// encoder against PIL's, overwriting files, wrong tensors.
/// </summary>
public class ImageEncodeTests
{
    /// <summary>
    /// The largest difference between a JPEG written and read back by PilImager (Skia's libjpeg-turbo)
    /// and the same image written and read back by PIL, over the jpeg_encode goldens (qualities 10,
    /// 75, 95; gray and RGB). Measured: 0, the same pixels everywhere.
    /// </summary>
    public const int JpegEncodeBound = 0;

    private static Tensor Pattern(long channels, long height, long width)
    {
        var values = new byte[channels * height * width];
        for (var i = 0; i < values.Length; i++) values[i] = (byte)((i * 37 + i / 7 * 11) % 256);
        return tensor(values, [channels, height, width], ScalarType.Byte);
    }

    private static Tensor Decode(byte[] file) => DefaultImager.DecodeImage(file);

    private static Tensor Decode(Tensor file) => DefaultImager.DecodeImage(file.data<byte>().ToArray());

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 6)]
    public void write_png_then_read_image_gives_the_same_pixels(int channels, int colorType)
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var image = Pattern(channels, 9, 14);
        var path = folder.File("out.png");
        write_png(image, path);
        Assert.True(ImageGoldens.Same(image, read_image(path)), $"{channels} channels");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(8, bytes[24]);              // IHDR: 8 bits a sample
        Assert.Equal(colorType, bytes[25]);      // the colour type that holds these channels
    }

    [Fact]
    public void encode_image_gives_a_PNG_file_in_a_byte_tensor()
    {
        using var scope = NewDisposeScope();
        var image = Pattern(3, 4, 5);
        var png = encode_image(image, ImageFormat.Png);
        Assert.Equal(ScalarType.Byte, png.dtype);
        Assert.Equal(1, png.dim());
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, png[TensorIndex.Slice(0, 8)].data<byte>().ToArray());
        Assert.True(ImageGoldens.Same(image, Decode(png)));
        Assert.Equal(png.data<byte>().ToArray(), DefaultImager.EncodeImage(image, ImageFormat.Png));
    }

    [Fact]
    public void A_large_PNG_round_trips_and_is_compressed()
    {
        using var scope = NewDisposeScope();
        var y = arange(300, dtype: ScalarType.Int32).view(1, 300, 1);
        var x = arange(400, dtype: ScalarType.Int32).view(1, 1, 400);
        var image = ((y + x + arange(3, dtype: ScalarType.Int32).view(3, 1, 1) * 40) % 256).to(ScalarType.Byte);
        var png = DefaultImager.EncodeImage(image, ImageFormat.Png);
        Assert.True(ImageGoldens.Same(image, Decode(png)));
        Assert.True(png.Length < image.numel() / 10, $"a smooth 400 x 300 image took {png.Length} bytes");
    }

    [Fact]
    public void A_non_contiguous_image_is_written_as_it_looks()
    {
        using var scope = NewDisposeScope();
        var hwc = Pattern(5, 6, 3);                       // [5, 6, 3] viewed as height, width, channels
        var chw = hwc.permute(2, 0, 1);                   // [3, 5, 6], not contiguous
        Assert.False(chw.is_contiguous());
        Assert.True(ImageGoldens.Same(chw, Decode(encode_image(chw, ImageFormat.Png))));
        var strided = Pattern(3, 5, 6)[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, 2)];
        Assert.True(ImageGoldens.Same(strided, Decode(encode_image(strided, ImageFormat.Png))));
    }

    [Fact]
    public void JPEG_encoding_matches_PILs()
    {
        // PIL and Skia both encode with libjpeg-turbo's defaults (baseline, 4:2:0, quality-scaled
        // tables) and decode with it: what PIL's JPEG decodes to, compared with what ours decodes to.
        using var scope = NewDisposeScope();
        var worst = 0;
        var report = new List<string>();
        foreach (var c in ImageGoldens.Json.GetProperty("jpeg_encode").EnumerateArray())
        {
            var source = c.GetProperty("source").GetString()!;
            var quality = c.GetProperty("quality").GetInt32();
            var image = read_image(ImageGoldens.File(source));
            var decoded = Decode(encode_image(image, ImageFormat.Jpeg, new PilImager(quality)));
            var expected = ImageGoldens.Tensor(c.GetProperty("decoded"));
            Assert.Equal(expected.shape, decoded.shape);
            var diff = (decoded.to(ScalarType.Int32) - expected.to(ScalarType.Int32)).abs();
            var max = diff.max().item<int>();
            report.Add($"{source} q{quality}: max {max}, {diff.count_nonzero().item<long>()} of {diff.numel()} differ");
            worst = Math.Max(worst, max);
        }
        Assert.True(worst <= JpegEncodeBound, string.Join("; ", report));
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
        write_jpeg(image, path, new PilImager(quality: 95));
        var back = read_image(path);
        Assert.Equal(image.shape, back.shape);
        Assert.Equal([(byte)0xFF, (byte)0xD8], File.ReadAllBytes(path)[..2]);
        var worst = (back.to(ScalarType.Int32) - image.to(ScalarType.Int32)).abs().max().item<int>();
        Assert.InRange(worst, 0, 4);
        // Lower quality: a smaller file; the default quality (75) lies between.
        write_jpeg(image, folder.File("low.jpg"), new PilImager(quality: 20));
        write_jpeg(image, folder.File("default.jpg"));
        Assert.True(new FileInfo(folder.File("low.jpg")).Length < new FileInfo(folder.File("default.jpg")).Length);
        Assert.True(new FileInfo(folder.File("default.jpg")).Length < new FileInfo(path).Length);
    }

    [Fact]
    public void write_image_and_encode_image_pick_the_format()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var image = Pattern(3, 8, 8);
        write_image(image, folder.File("a"), ImageFormat.Png);
        write_image(image, folder.File("b"), ImageFormat.Jpeg);
        Assert.Equal(0x89, File.ReadAllBytes(folder.File("a"))[0]);
        Assert.Equal(0xFF, File.ReadAllBytes(folder.File("b"))[0]);
        using (var stream = new MemoryStream())
        {
            write_png(image, stream);
            Assert.Equal(encode_image(image, ImageFormat.Png).data<byte>().ToArray(), stream.ToArray());
        }
        foreach (var format in new[] { ImageFormat.Unknown, ImageFormat.Gif, ImageFormat.Bmp, ImageFormat.Webp })
        {
            var e = Assert.Throws<ArgumentException>(() => encode_image(image, format));
            Assert.Contains("ImageFormat.Png or ImageFormat.Jpeg", e.Message);
        }
    }

    [Fact]
    public async Task Async_writes_give_the_same_files()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var image = Pattern(4, 6, 7);
        await write_image_async(image, folder.File("a.png"), ImageFormat.Png);
        Assert.Equal(DefaultImager.EncodeImage(image, ImageFormat.Png), File.ReadAllBytes(folder.File("a.png")));
        using var stream = new MemoryStream();
        await write_image_async(image, stream, ImageFormat.Png);
        Assert.True(ImageGoldens.Same(image, Decode(stream.ToArray())));
    }

    [Fact]
    public void Overwriting_a_longer_file_leaves_none_of_it()
    {
        // torchvision.io.write_image opens the file without truncating it: PilImager cuts off the old rest.
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var path = folder.File("image.png");
        write_png(Pattern(3, 40, 40), path);
        var small = Pattern(1, 3, 3);
        write_png(small, path);
        Assert.Equal(DefaultImager.EncodeImage(small, ImageFormat.Png), File.ReadAllBytes(path));
        Assert.True(ImageGoldens.Same(small, read_image(path)));
    }

    [Fact]
    public void A_refused_write_leaves_the_old_file_as_it_was()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var path = folder.File("image.png");
        write_png(Pattern(3, 4, 4), path);
        var before = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => write_jpeg(Pattern(4, 4, 4), path));
        Assert.Throws<ArgumentException>(() => write_png(rand(3, 4, 4), path));
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
        Assert.True(ImageGoldens.Same(bytes, read_file(folder.File("bytes.bin"))));
    }

    [Fact]
    public void Wrong_tensors_are_refused_with_what_to_do()
    {
        using var scope = NewDisposeScope();
        var imager = DefaultImager;

        // torchvision.io's write and encode functions check the dtype themselves, before the imager.
        Assert.Throws<ArgumentException>(() => encode_image(rand(3, 4, 4), ImageFormat.Png));

        var e = Assert.Throws<ArgumentException>(() => imager.EncodeImage(rand(3, 4, 4), ImageFormat.Png));
        Assert.Contains("uint8", e.Message);
        Assert.Contains("Float32", e.Message);
        Assert.Contains("* 255", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_image(Pattern(1, 4, 4).squeeze(0), ImageFormat.Png));
        Assert.Contains("[channels, height, width], not [4, 4]", e.Message);
        Assert.Contains("unsqueeze(0)", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_image(Pattern(6, 4, 4).view(2, 3, 4, 4), ImageFormat.Png));
        Assert.Contains("images[i]", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_image(Pattern(5, 4, 4), ImageFormat.Png));
        Assert.Contains("5 channels", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_image(Pattern(6, 5, 3), ImageFormat.Png));
        Assert.Contains("permute(2, 0, 1)", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_image(Pattern(4, 4, 4), ImageFormat.Jpeg));
        Assert.Contains("no transparency", e.Message);
        Assert.Contains("image[..^1]", e.Message);

        e = Assert.Throws<ArgumentException>(() => encode_image(Pattern(3, 0, 4), ImageFormat.Jpeg));
        Assert.Contains("empty", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new PilImager(quality: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PilImager(quality: 101));
    }
}

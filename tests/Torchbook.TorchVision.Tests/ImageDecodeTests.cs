using TorchSharp;
using Torchbook.Vision.IO;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Decoding through torchvision.io.read_image (Torchbook's PilImager) compared with PIL, pixel for
/// pixel (tests/parity/make_image_goldens.py). PNG is lossless, so exact for every file and mode;
/// JPEG too (Skia and PIL decode with libjpeg-turbo's defaults). One case differs from
/// torchvision: a colour JPEG read as GRAY is PIL's Image.open(path).convert("L"), L computed from
/// the decoded RGB (exact), where torchvision's decode_jpeg (and PIL's draft("L")) gives libjpeg's
/// own luma channel, at most <see cref="LibjpegGrayBound"/> away.
/// </summary>
public class ImageDecodeTests
{
    /// <summary>
    /// The largest difference between a colour JPEG read as GRAY and libjpeg's own gray output
    /// (torchvision's): measured 22 on rgb.jpg, a synthetic pattern of saturated edges where the RGB
    /// is clamped, on 18 of its 247 pixels; at most 6 on the sample photos (sample-photos.json).
    /// </summary>
    public const int LibjpegGrayBound = 22;

    public static TheoryData<string, ImageReadMode> Cases()
    {
        var data = new TheoryData<string, ImageReadMode>();
        foreach (var file in new[] { "gray.png", "gray_alpha.png", "rgb.png", "rgba.png", "palette.png", "palette_transparent.png",
                                     "gray_transparent.png", "interlaced.png", "bilevel.png", "gray16.png", "rgb16.png", "gray_alpha16.png", "rgba16.png",
                                     "gray4.png", "palette2.png", "rgb_transparent.png", "gamma.png", "gray.jpg", "rgb.jpg" })
            foreach (var mode in Enum.GetValues<ImageReadMode>())
                data.Add(file, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void read_image_matches_PIL(string file, ImageReadMode mode)
    {
        using var scope = NewDisposeScope();
        var image = read_image(ImageGoldens.File(file), mode);
        if (file == "rgb.jpg" && mode is ImageReadMode.GRAY or ImageReadMode.GRAY_ALPHA)
        {
            ImageGoldens.AssertClose(ImageGoldens.Expected(file, mode == ImageReadMode.GRAY ? "CONVERT_L" : "CONVERT_LA"), image, 0, $"{file} {mode} against PIL's convert");
            ImageGoldens.AssertClose(ImageGoldens.Expected(file, mode.ToString()), image, LibjpegGrayBound, $"{file} {mode} against libjpeg's gray");
        }
        else
            ImageGoldens.AssertClose(ImageGoldens.Expected(file, mode.ToString()), image, 0, $"{file} {mode}");
        Assert.True(image.is_contiguous());
    }

    [Fact]
    public void A_colour_JPEG_read_as_GRAY_is_PILs_L_of_its_RGB()
    {
        // What PilImager computes, exactly: L = (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16 of the RGB it decodes.
        using var scope = NewDisposeScope();
        var rgb = read_image(ImageGoldens.File("rgb.jpg"), ImageReadMode.RGB).to(ScalarType.Int32);
        var l = (rgb[0] * 19595 + rgb[1] * 38470 + rgb[2] * 7471 + 0x8000).bitwise_right_shift(16).to(ScalarType.Byte).unsqueeze(0);
        Assert.True(ImageGoldens.Same(l, read_image(ImageGoldens.File("rgb.jpg"), ImageReadMode.GRAY)));
    }

    [Fact]
    public void The_default_imager_is_a_PilImager()
    {
        Assert.IsType<PilImager>(DefaultImager);
        Assert.Equal(75, ((PilImager)DefaultImager).Quality);
    }

    [Fact]
    public void Unchanged_gives_the_files_own_channels()
    {
        (string file, long channels)[] expected =
        [
            ("gray.png", 1), ("gray_alpha.png", 2), ("rgb.png", 3), ("rgba.png", 4), ("palette.png", 3),
            ("palette_transparent.png", 4), ("gray_transparent.png", 2), ("interlaced.png", 3), ("bilevel.png", 1), ("gray16.png", 1), ("rgb16.png", 3),
            ("gray_alpha16.png", 2), ("rgba16.png", 4), ("gray4.png", 1), ("palette2.png", 4), ("rgb_transparent.png", 4), ("gamma.png", 3), ("gray.jpg", 1), ("rgb.jpg", 3),
        ];
        foreach (var (file, channels) in expected)
        {
            using var image = read_image(ImageGoldens.File(file));
            Assert.Equal(channels, image.shape[0]);
            Assert.Equal(ScalarType.Byte, image.dtype);
        }
        using var rgb = read_image(ImageGoldens.File("rgb.jpg"));
        Assert.Equal([3L, 13, 19], rgb.shape);
    }

    [Fact]
    public void Sixteen_bit_samples_keep_their_high_byte()
    {
        // The fixture's first three samples are 65535, 0 and 0x80FF: high bytes 255, 0, 0x80 (not rounded to 0x81).
        using var gray = read_image(ImageGoldens.File("gray16.png"));
        Assert.Equal([(byte)255, (byte)0, (byte)0x80], gray[0, 0].data<byte>().ToArray()[..3]);
    }

    [Fact]
    public void Alpha_is_not_premultiplied()
    {
        // rgba.png has pixels with alpha 0 and colours that are not 0: they come back as stored.
        using var scope = NewDisposeScope();
        var rgba = read_image(ImageGoldens.File("rgba.png"));
        var transparent = rgba[3].eq(0);
        Assert.True(transparent.any().item<bool>());
        Assert.True(rgba[TensorIndex.Slice(0, 3)].masked_select(transparent.expand(3, -1, -1)).gt(0).any().item<bool>());
        ImageGoldens.AssertClose(ImageGoldens.Expected("rgba.png", "UNCHANGED"), rgba, 0, "rgba.png");
    }

    [Fact]
    public void The_format_is_told_by_the_content_not_the_name()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var misnamed = folder.File("photo.png");
        File.Copy(ImageGoldens.File("rgb.jpg"), misnamed);
        ImageGoldens.AssertClose(ImageGoldens.Expected("rgb.jpg", "UNCHANGED"), read_image(misnamed), 0, "a JPEG named .png");
        var noExtension = folder.File("picture");
        File.Copy(ImageGoldens.File("rgba.png"), noExtension);
        ImageGoldens.AssertClose(ImageGoldens.Expected("rgba.png", "UNCHANGED"), read_image(noExtension), 0, "a PNG without extension");
    }

    [Fact]
    public async Task Bytes_streams_and_async_reads_equal_read_image()
    {
        using var scope = NewDisposeScope();
        foreach (var file in new[] { "rgba.png", "rgb.jpg", "gray.png" })
        {
            var path = ImageGoldens.File(file);
            var expected = read_image(path, ImageReadMode.RGB);
            var bytes = File.ReadAllBytes(path);
            Assert.True(ImageGoldens.Same(expected, DefaultImager.DecodeImage(bytes, ImageReadMode.RGB)));
            using (var stream = new MemoryStream(bytes))
                Assert.True(ImageGoldens.Same(expected, read_image(stream, ImageReadMode.RGB)));
            Assert.True(ImageGoldens.Same(expected, await read_image_async(path, ImageReadMode.RGB)));
            using (var stream = new MemoryStream(bytes))
                Assert.True(ImageGoldens.Same(expected, await read_image_async(stream, ImageReadMode.RGB)));
            // read_file gives the file's bytes as a 1-D uint8 tensor.
            var data = read_file(path);
            Assert.Equal(ScalarType.Byte, data.dtype);
            Assert.Equal([bytes.Length], data.shape);
            Assert.True(ImageGoldens.Same(expected, DefaultImager.DecodeImage(data.data<byte>().ToArray(), ImageReadMode.RGB)));
        }
    }

    [Fact]
    public void A_stream_is_read_from_where_it_stands()
    {
        using var scope = NewDisposeScope();
        var png = File.ReadAllBytes(ImageGoldens.File("rgb.png"));
        using var stream = new MemoryStream([1, 2, 3, .. png]);
        stream.Position = 3;
        ImageGoldens.AssertClose(ImageGoldens.Expected("rgb.png", "UNCHANGED"), read_image(stream), 0, "a PNG 3 bytes into a stream");
    }
}

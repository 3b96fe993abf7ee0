using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Decoding compared with PIL, pixel for pixel (tests/parity/make_image_goldens.py). PNG is
/// lossless, so exact; JPEG is exact too: PIL decodes with the same libjpeg-turbo and the same
/// settings (integer DCT, fancy upsampling).
/// </summary>
public class ImageDecodeTests
{
    public static TheoryData<string, ImageReadMode> Cases()
    {
        var data = new TheoryData<string, ImageReadMode>();
        foreach (var file in new[] { "gray.png", "gray_alpha.png", "rgb.png", "rgba.png", "palette.png", "palette_transparent.png",
                                     "gray_transparent.png", "interlaced.png", "bilevel.png", "gray16.png", "rgb16.png", "gray.jpg", "rgb.jpg" })
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
        ImageGoldens.AssertEqual(ImageGoldens.Expected(file, mode.ToString()), image, $"{file} {mode}");
        Assert.True(image.is_contiguous());
    }

    [Fact]
    public void Unchanged_gives_the_files_own_channels()
    {
        (string file, long channels)[] expected =
        [
            ("gray.png", 1), ("gray_alpha.png", 2), ("rgb.png", 3), ("rgba.png", 4), ("palette.png", 3),
            ("palette_transparent.png", 4), ("gray_transparent.png", 2), ("interlaced.png", 3), ("bilevel.png", 1), ("gray16.png", 1), ("rgb16.png", 3), ("gray.jpg", 1), ("rgb.jpg", 3),
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
        Assert.Equal([(byte)255, (byte)0, (byte)0x80], gray[0, 0].ToArray<byte>()[..3]);
    }

    [Fact]
    public void The_format_is_told_by_the_content_not_the_name()
    {
        using var folder = new TempFolder();
        var misnamed = folder.File("photo.png");
        File.Copy(ImageGoldens.File("rgb.jpg"), misnamed);
        using var image = read_image(misnamed);
        ImageGoldens.AssertEqual(ImageGoldens.Expected("rgb.jpg", "UNCHANGED"), image, "a JPEG named .png");
        var noExtension = folder.File("picture");
        File.Copy(ImageGoldens.File("rgba.png"), noExtension);
        using var rgba = read_image(noExtension);
        ImageGoldens.AssertEqual(ImageGoldens.Expected("rgba.png", "UNCHANGED"), rgba, "a PNG without extension");
    }

    [Fact]
    public void decode_image_from_a_tensor_or_bytes_equals_read_image()
    {
        using var scope = NewDisposeScope();
        foreach (var file in new[] { "rgba.png", "rgb.jpg" })
        {
            var expected = read_image(ImageGoldens.File(file), ImageReadMode.RGB);
            var data = read_file(ImageGoldens.File(file));
            Assert.Equal(ScalarType.Byte, data.dtype);
            Assert.Equal([new FileInfo(ImageGoldens.File(file)).Length], data.shape);
            Assert.True(expected.equal(decode_image(data, ImageReadMode.RGB)));
            Assert.True(expected.equal(decode_image(File.ReadAllBytes(ImageGoldens.File(file)), ImageReadMode.RGB)));
        }
        Assert.True(read_image(ImageGoldens.File("gray.png")).equal(decode_png(read_file(ImageGoldens.File("gray.png")))));
        Assert.True(read_image(ImageGoldens.File("gray.jpg")).equal(decode_jpeg(File.ReadAllBytes(ImageGoldens.File("gray.jpg")))));
    }

    [Fact]
    public void decode_image_reads_a_non_contiguous_byte_tensor()
    {
        using var scope = NewDisposeScope();
        var bytes = File.ReadAllBytes(ImageGoldens.File("rgb.png"));
        // Every byte twice, then every second one: a strided view of the file's bytes.
        var doubled = tensor(bytes.SelectMany(b => new[] { b, b }).ToArray(), ScalarType.Byte);
        var strided = doubled[TensorIndex.Slice(null, null, 2)];
        Assert.False(strided.is_contiguous());
        Assert.True(read_image(ImageGoldens.File("rgb.png")).equal(decode_image(strided)));
    }
}

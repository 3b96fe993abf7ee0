using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Files that cannot be read give an exception naming the file and what is wrong: missing, empty,
/// not an image, truncated, corrupt. libpng and libjpeg report these through callbacks that jump
/// back into the shim; the process must survive all of them, many times over.
/// </summary>
public class ImageErrorTests
{
    private static string Write(TempFolder folder, string name, byte[] bytes)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static InvalidDataException ReadFails(string path)
    {
        var e = Assert.Throws<InvalidDataException>(() => read_image(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var folder = new TempFolder();
        var path = folder.File("nowhere.png");
        var e = Assert.Throws<FileNotFoundException>(() => read_image(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("does not exist", e.Message);
        e = Assert.Throws<FileNotFoundException>(() => read_image(Path.Combine(folder.Path, "no-folder", "x.jpg")));
        Assert.Contains("nor does the folder", e.Message);
        Assert.Throws<FileNotFoundException>(() => read_file(path));
        var dir = Assert.Throws<IOException>(() => read_image(folder.Path));
        Assert.Contains("is a folder", dir.Message);
    }

    [Fact]
    public void An_empty_file_says_so()
    {
        using var folder = new TempFolder();
        var e = ReadFails(Write(folder, "empty.png", []));
        Assert.Contains("empty", e.Message);
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => decode_image(Array.Empty<byte>())).Message);
    }

    [Fact]
    public void Other_files_are_refused_with_what_they_look_like()
    {
        using var folder = new TempFolder();
        var e = ReadFails(Write(folder, "notes.png", "hello, this is text"u8.ToArray()));
        Assert.Contains("not a PNG or JPEG image", e.Message);
        Assert.Contains("68 65 6c 6c 6f", e.Message); // the first bytes, in hex
        e = ReadFails(Write(folder, "anim.png", "GIF89a\x01\x00\x01\x00"u8.ToArray()));
        Assert.Contains("GIF", e.Message);
        Assert.Contains("convert the file to PNG", e.Message);
        e = ReadFails(Write(folder, "scan.png", "BM\0\0\0\0\0\0"u8.ToArray()));
        Assert.Contains("BMP", e.Message);
    }

    [Fact]
    public void decode_png_and_decode_jpeg_refuse_the_other_format()
    {
        var jpeg = File.ReadAllBytes(ImageGoldens.File("rgb.jpg"));
        var png = File.ReadAllBytes(ImageGoldens.File("rgb.png"));
        var e = Assert.Throws<InvalidDataException>(() => decode_png(jpeg));
        Assert.Contains("decode_png: this is not a PNG (it is a JPEG)", e.Message);
        e = Assert.Throws<InvalidDataException>(() => decode_jpeg(png));
        Assert.Contains("decode_jpeg: this is not a JPEG (it is a PNG)", e.Message);
    }

    [Theory]
    [InlineData("rgb.png")]
    [InlineData("rgba.png")]
    [InlineData("palette.png")]
    [InlineData("rgb16.png")]
    [InlineData("rgb.jpg")]
    [InlineData("gray.jpg")]
    public void Every_truncation_of_a_file_fails_cleanly(string file)
    {
        // Cut the file at every length from 1 byte to all but the last: each read either fails with a
        // message naming the file, or (cut only in trailing chunks PNG readers skip) gives the full image.
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(ImageGoldens.File(file));
        var full = read_image(ImageGoldens.File(file));
        var path = folder.File("cut" + Path.GetExtension(file));
        var failures = 0;
        for (var n = 1; n < bytes.Length; n++)
        {
            File.WriteAllBytes(path, bytes[..n]);
            try
            {
                var image = read_image(path);
                Assert.True(full.equal(image), $"{file} cut to {n} of {bytes.Length} bytes decoded to different pixels without an error");
            }
            catch (InvalidDataException e)
            {
                failures++;
                Assert.Contains(path, e.Message);
                Assert.Matches("truncated|not a (PNG|JPEG)|corrupt", e.Message);
            }
        }
        Assert.True(failures >= bytes.Length - 20, $"only {failures} of {bytes.Length - 1} truncations were refused");
    }

    [Fact]
    public void A_truncated_file_says_truncated()
    {
        using var folder = new TempFolder();
        foreach (var file in new[] { "rgb.png", "rgb.jpg" })
        {
            var bytes = File.ReadAllBytes(ImageGoldens.File(file));
            var e = ReadFails(Write(folder, "half-" + file, bytes[..(bytes.Length / 2)]));
            Assert.Contains("truncated", e.Message);
        }
    }

    [Fact]
    public void Corrupt_bytes_are_reported_not_crashed_on()
    {
        // Flip bytes all over the files: each read returns an image or throws InvalidDataException;
        // the process never aborts (libpng/libjpeg errors jump back into the shim).
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var random = new Random(1234);
        var refused = 0;
        foreach (var file in new[] { "rgb.png", "palette_transparent.png", "rgb.jpg", "gray.jpg" })
        {
            var original = File.ReadAllBytes(ImageGoldens.File(file));
            for (var trial = 0; trial < 150; trial++)
            {
                var bytes = (byte[])original.Clone();
                for (var k = 0; k < 1 + trial % 4; k++) bytes[3 + random.Next(bytes.Length - 3)] ^= (byte)(1 + random.Next(255));
                try
                {
                    var image = decode_image(bytes);
                    Assert.Equal(3, image.dim());
                }
                catch (InvalidDataException e)
                {
                    refused++;
                    Assert.StartsWith("decode_image: ", e.Message);
                }
            }
        }
        Assert.True(refused > 0);
    }

    [Fact]
    public void A_PNG_with_a_bad_checksum_names_the_problem()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(ImageGoldens.File("rgb.png"));
        bytes[29] ^= 0xFF; // the IHDR chunk's CRC (8 signature + 4 length + 4 type + 13 data)
        var e = ReadFails(Write(folder, "crc.png", bytes));
        Assert.Contains("corrupt PNG", e.Message);
        Assert.Contains("CRC", e.Message);
    }

    [Fact]
    public void A_CMYK_JPEG_is_refused_with_what_to_do()
    {
        var e = Assert.Throws<InvalidDataException>(() => read_image(ImageGoldens.File("cmyk.jpg")));
        Assert.Contains("CMYK", e.Message);
        Assert.Contains("Convert it to RGB", e.Message);
    }

    [Fact]
    public void decode_image_takes_the_files_bytes_not_an_image_tensor()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => decode_image(zeros(3, 4, 4, dtype: ScalarType.Byte)));
        Assert.Contains("1-D uint8", e.Message);
        Assert.Contains("read_image(path)", e.Message);
        e = Assert.Throws<ArgumentException>(() => decode_image(zeros(10)));
        Assert.Contains("Float32", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => decode_image(File.ReadAllBytes(ImageGoldens.File("gray.png")), (ImageReadMode)7));
    }
}

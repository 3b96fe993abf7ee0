using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torchvision.io;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Files that cannot be read give an exception naming the file, what is wrong (empty, not an image,
/// truncated, corrupt) and what to do. A missing file is .NET's FileNotFoundException, thrown by
/// torchvision.io.read_image when it opens the file. Skia's decoders must survive every damaged
/// file, many times over.
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
        // torchvision.io.read_image opens the file itself: these are .NET's exceptions, naming the path.
        using var folder = new TempFolder();
        var path = folder.File("nowhere.png");
        var e = Assert.Throws<FileNotFoundException>(() => read_image(path));
        Assert.Contains(path, e.Message);
        var noFolder = Path.Combine(folder.Path, "no-folder", "x.jpg");
        Assert.Contains(noFolder, Assert.Throws<DirectoryNotFoundException>(() => read_image(noFolder)).Message);
        Assert.Throws<FileNotFoundException>(() => read_file(path));
        Assert.Contains(folder.Path, Assert.Throws<UnauthorizedAccessException>(() => read_image(folder.Path)).Message);
    }

    [Fact]
    public void An_empty_file_says_so()
    {
        using var folder = new TempFolder();
        var e = ReadFails(Write(folder, "empty.png", []));
        Assert.Contains("empty", e.Message);
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => DefaultImager.DecodeImage(Array.Empty<byte>())).Message);
    }

    [Fact]
    public void decode_image_of_a_tensor_says_what_to_call_instead()
    {
        // TorchVision 0.107's decode_image(tensor) hands the imager an empty stream, not the tensor's bytes.
        using var scope = NewDisposeScope();
        var data = read_file(ImageGoldens.File("rgb.png"));
        var e = Assert.Throws<InvalidDataException>(() => decode_image(data));
        Assert.Contains("decode_image", e.Message);
        Assert.Contains("DefaultImager.DecodeImage(data.data<byte>().ToArray(), mode)", e.Message);
        Assert.True(ImageGoldens.Same(read_image(ImageGoldens.File("rgb.png")), DefaultImager.DecodeImage(data.data<byte>().ToArray())));
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
                Assert.True(ImageGoldens.Same(full, image), $"{file} cut to {n} of {bytes.Length} bytes decoded to different pixels without an error");
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
        // the process never aborts.
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
                    var image = DefaultImager.DecodeImage(bytes);
                    Assert.Equal(3, image.dim());
                }
                catch (InvalidDataException e)
                {
                    refused++;
                    Assert.StartsWith("Cannot decode the image bytes: ", e.Message);
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
    public void An_unknown_read_mode_is_refused()
    {
        var bytes = File.ReadAllBytes(ImageGoldens.File("gray.png"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DefaultImager.DecodeImage(bytes, (ImageReadMode)7));
        Assert.Contains("UNCHANGED, GRAY, GRAY_ALPHA, RGB or RGB_ALPHA", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => read_image(ImageGoldens.File("gray.png"), (ImageReadMode)(-1)));
    }
}

using System.IO.Compression;
using Torchbook.Vision.Datasets;
using TorchSharp;

namespace Torchbook.TorchVision.Tests;

public class IdxFileTests
{
    private static byte[] Values(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_what_was_written_plain_or_gzipped(bool gzip)
    {
        using var dir = new TempFolder();
        var path = dir.File(gzip ? "x-idx3-ubyte.gz" : "x-idx3-ubyte");
        IdxFile.WriteBytes(path, Values(2 * 3 * 4), [2, 3, 4], gzip);
        var idx = IdxFile.Read(path);
        Assert.Equal(0x08, idx.TypeCode);
        Assert.Equal([2, 3, 4], idx.Dimensions);
        Assert.Equal(Values(24), idx.Data);
        using var t = idx.ToTensor();
        Assert.Equal([2L, 3, 4], t.shape);
        Assert.Equal(ScalarType.Byte, t.dtype);
        Assert.Equal(Values(24), t.data<byte>().ToArray());
    }

    [Fact]
    public void Gzip_is_recognised_by_content_not_by_name()
    {
        using var dir = new TempFolder();
        var path = dir.File("no-extension");
        IdxFile.WriteBytes(path, Values(6), [6], gzip: true);
        Assert.Equal(Values(6), IdxFile.Read(path).Data);
    }

    [Fact]
    public void Multi_byte_values_are_big_endian()
    {
        using var dir = new TempFolder();
        var path = dir.File("ints");
        File.WriteAllBytes(path, [0, 0, 0x0C, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe]);
        using var t = IdxFile.Read(path).ToTensor();
        Assert.Equal(ScalarType.Int32, t.dtype);
        Assert.Equal([256, -2], t.data<int>().ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_file_names_the_file_the_sizes_and_the_remedy(bool gzip)
    {
        using var dir = new TempFolder();
        var whole = dir.File("whole");
        IdxFile.WriteBytes(whole, Values(100), [4, 5, 5], gzip);
        var bytes = File.ReadAllBytes(whole);
        var cut = dir.File(gzip ? "cut.gz" : "cut");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - (gzip ? 12 : 30))]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(cut, "Run data-scripts/fashion-mnist.sh."));
        Assert.Contains(cut, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("Run data-scripts/fashion-mnist.sh.", e.Message);
        if (!gzip) Assert.Contains("4 x 5 x 5", e.Message);
    }

    [Fact]
    public void Malformed_headers_and_extra_data_are_rejected()
    {
        using var dir = new TempFolder();
        var path = dir.File("bad");
        File.WriteAllBytes(path, [0x50, 0x4b, 3, 4, 0, 0, 0, 0]);
        Assert.Contains("not an IDX file", Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
        File.WriteAllBytes(path, [0, 0, 0x07, 1, 0, 0, 0, 1, 9]);
        Assert.Contains("type code 0x07", Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
        File.WriteAllBytes(path, [0, 0, 0x08, 2, 0, 0, 0]);
        Assert.Contains("truncated inside the header", Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
        File.WriteAllBytes(path, [0, 0, 0x08, 1, 0xff, 0xff, 0xff, 0xff]);
        Assert.Contains("negative", Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
        File.WriteAllBytes(path, [0, 0, 0x08, 1, 0, 0, 0, 2, 1, 2, 3]);
        Assert.Contains("more data follows", Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
        File.WriteAllBytes(path, [0, 0]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => IdxFile.Read(path)).Message);
        Assert.Throws<FileNotFoundException>(() => IdxFile.Read(dir.File("absent")));
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_reported_with_the_file()
    {
        using var dir = new TempFolder();
        var path = dir.File("corrupt.gz");
        IdxFile.WriteBytes(path, Values(200), [200], gzip: true);
        var bytes = File.ReadAllBytes(path);
        for (int i = 12; i < bytes.Length - 8; i++) bytes[i] ^= 0x5a;
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsAny<InvalidDataException>(() => IdxFile.Read(path, "Fetch it again."));
        Assert.Contains(path, e.Message);
        Assert.Contains("Fetch it again.", e.Message);
    }
}

using System.IO.Compression;
using System.Text.Json.Nodes;
using Torchbook.Kernel.Install;
using Xunit;

namespace Torchbook.Kernel.Tests;

public sealed class KernelSpecInstallerTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("torchbook-spec-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void Install_writes_kernel_json_and_logos_and_uninstall_removes_them()
    {
        var folder = KernelSpecInstaller.Install(_dataDir, "torchbook-csharp", ["/opt/torchbook/torchbook"]);
        Assert.Equal(Path.Combine(_dataDir, "kernels", "torchbook-csharp"), folder);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal(["/opt/torchbook/torchbook", "kernel", "--connection-file", "{connection_file}"],
            spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("C# (Torchbook)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(folder, "logo-32x32.png")));
        Assert.True(KernelSpecInstaller.IsOursOrAbsent(_dataDir, "torchbook-csharp"));

        Assert.True(KernelSpecInstaller.Uninstall(_dataDir, "torchbook-csharp"));
        Assert.False(Directory.Exists(folder));
        Assert.False(KernelSpecInstaller.Uninstall(_dataDir, "torchbook-csharp"));
    }

    [Fact]
    public void A_kernelspec_written_by_someone_else_is_not_ours()
    {
        var folder = Path.Combine(_dataDir, "kernels", ".net-csharp");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "kernel.json"), """{"argv":["dotnet","interactive","jupyter"],"display_name":".NET (C#)","language":"C#"}""");
        Assert.False(KernelSpecInstaller.IsOursOrAbsent(_dataDir, ".net-csharp"));
        Assert.True(KernelSpecInstaller.IsOursOrAbsent(_dataDir, "absent"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("../escape")]
    [InlineData("..")]
    public void Bad_kernel_names_are_refused_with_the_rule(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSpecInstaller.Install(_dataDir, name, ["x"]));
        Assert.Contains("letters, digits", e.Message);
    }

    [Fact]
    public void Data_directory_honours_prefix_and_jupyter_data_dir()
    {
        Assert.Equal(Path.Combine("/tmp/pfx", "share", "jupyter"), KernelSpecInstaller.DataDirectory("/tmp/pfx"));
        var previous = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        try
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", _dataDir);
            Assert.Equal(_dataDir, KernelSpecInstaller.DataDirectory());
        }
        finally
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", previous);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Logos_are_valid_pngs_of_the_right_size(int size)
    {
        var png = KernelLogo.Png(size);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        // The IDAT payload inflates to one filter byte plus 4 bytes per pixel per row.
        var idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var pixels = inflated.ToArray();
        Assert.Equal(size * (1 + size * 4), pixels.Length);
        // Corner transparent, centre opaque.
        Assert.Equal(0, pixels[1 + 3]);
        var centre = (size / 2) * (1 + size * 4) + 1 + (size / 2) * 4;
        Assert.Equal(255, pixels[centre + 3]);
    }
}

using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

public class AtomicFileTests
{
    [Fact]
    public void A_failure_midway_leaves_the_old_file_and_no_temporary_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("model.safetensors");
        File.WriteAllText(path, "old content");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("crash while writing");
        }));
        Assert.Equal("crash while writing", e.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["model.safetensors"], dir.Names());
    }

    [Fact]
    public void A_failure_with_no_previous_file_leaves_nothing()
    {
        using var dir = new TempFolder();
        Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("x.pth"), _ => throw new IOException("disk full")));
        Assert.Empty(dir.Names());
    }

    [Fact]
    public void Success_replaces_the_target_whole()
    {
        using var dir = new TempFolder();
        string path = dir.File("model.pth");
        File.WriteAllText(path, "a much longer old content than the new one");
        AtomicFile.Write(path, stream => stream.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["model.pth"], dir.Names());
    }

    [Fact]
    public void A_missing_folder_or_a_folder_as_target_is_refused_cleanly()
    {
        using var dir = new TempFolder();
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(dir.File("no/such/model.pth"), _ => { })).Message);
        Directory.CreateDirectory(dir.File("taken"));
        Assert.Contains("is a folder", Assert.Throws<IOException>(() => SafeTensorsFile.Save(dir.File("taken"), [])).Message);
        Assert.Equal(["taken"], dir.Names());
    }

    [Fact]
    public void Savers_validate_before_touching_the_target()
    {
        using var dir = new TempFolder();
        string path = dir.File("model.safetensors");
        File.WriteAllText(path, "old content");
        var t = RawTensor.Create<float>([1f], [1]);
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Save(path, [new("a", t), new("a", t)]));
        Assert.Throws<ArgumentException>(() => PyTorchFile.SaveStateDict(path, [new("a", t), new("a", t)]));
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["model.safetensors"], dir.Names());
    }
}

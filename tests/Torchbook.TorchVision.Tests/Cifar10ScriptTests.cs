using Torchbook.Tests.Shared;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// data-scripts/cifar10.sh offline: what it refuses, and that a refused download leaves nothing behind. The
/// success path needs the real 162 MB archive (its MD5 is the dataset page's), which these machines cannot
/// download; it is the same unpack-verify-rename sequence as data-scripts/esc50.sh, whose success path is tested.
/// </summary>
public sealed class Cifar10ScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-cifar10-script-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_download_that_is_not_the_archive_is_refused_and_leaves_nothing()
    {
        var fake = Path.Combine(_folder, "cifar-10-binary.tar.gz");
        File.WriteAllText(fake, "not the archive");
        var data = Path.Combine(_folder, "data");
        var (code, output) = DataScript.Run("cifar10.sh", data, new Dictionary<string, string> { ["CIFAR10_URL"] = "file://" + fake });
        Assert.NotEqual(0, code);
        Assert.Contains("failed the MD5 check", output);
        Assert.Contains("expected c32a1d4ab5d03f1284b67883e8d87530", output);
        Assert.Contains("is not CIFAR-10's binary archive", output);
        Assert.False(Directory.Exists(Path.Combine(data, "CIFAR10", "cifar-10-batches-bin")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(data, "CIFAR10")));   // no temporary download or folder left
    }

    [Fact]
    public void Check_and_archive_say_what_is_missing_and_unknown_options_are_refused()
    {
        var data = Path.Combine(_folder, "data");
        var (code, output) = DataScript.Run("cifar10.sh", data, null, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("missing or damaged; run data-scripts/cifar10.sh", output);
        (code, output) = DataScript.Run("cifar10.sh", data, null, "--archive", Path.Combine(_folder, "nowhere.tar.gz"));
        Assert.NotEqual(0, code);
        Assert.Contains("no file at", output);
        (code, output) = DataScript.Run("cifar10.sh", data, null, "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown option", output);
    }
}

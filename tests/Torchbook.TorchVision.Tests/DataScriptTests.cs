namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Runs data-scripts/fashion-mnist.sh into a temporary data folder. The download path is driven
/// through a file:// mirror of Debian's copies (the network is not needed), so it runs where
/// dataset-fashion-mnist is installed.
/// </summary>
public class DataScriptTests
{
    private static readonly string Debian = Torchbook.Vision.Datasets.FashionMNIST.DebianFolder;

    private static (int code, string output) Run(string dataFolder, params string[] args) =>
        Torchbook.Tests.Shared.DataScript.Run("fashion-mnist.sh", dataFolder, new Dictionary<string, string> { ["FASHION_MNIST_BASE_URL"] = "file://" + Debian }, args);

    [Fact]
    public void Download_path_verifies_writes_atomically_and_is_idempotent()
    {
        if (!File.Exists(Path.Combine(Debian, "train-images-idx3-ubyte.gz")) || DataFolder.RepositoryRoot is null) return;
        using var dir = new TempFolder();
        var (code, output) = Run(dir.Path, "--download");
        Assert.True(code == 0, output);
        var raw = Path.Combine(dir.Path, "FashionMNIST", "raw");
        var files = Directory.GetFiles(raw).Select(Path.GetFileName).Order().ToArray();
        // Four complete files and no temporary leftovers.
        Assert.Equal(["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"], files);
        Assert.Contains("SHA-256 verified", output);

        (code, output) = Run(dir.Path);
        Assert.Equal(0, code);
        Assert.Contains("nothing to do", output);
        // A damaged file is noticed.
        File.WriteAllBytes(Path.Combine(raw, "train-labels-idx1-ubyte.gz"), [0x1f, 0x8b, 0, 1, 2]);
        (code, output) = Run(dir.Path, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("run data-scripts/fashion-mnist.sh", output);
    }

    [Fact]
    public void Unknown_options_are_refused()
    {
        if (DataFolder.RepositoryRoot is null) return;
        using var dir = new TempFolder();
        var (code, output) = Run(dir.Path, "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown option", output);
    }
}

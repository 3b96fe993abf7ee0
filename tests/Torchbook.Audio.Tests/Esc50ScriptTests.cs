using System.IO.Compression;
using Torchbook.Audio.Datasets;

namespace Torchbook.Audio.Tests;

/// <summary>
/// data-scripts/esc50.sh driven offline: the archive is a zip laid out like GitHub's ESC-50-master.zip,
/// made from 2,000 short stand-in clips, given as a file:// URL or with --archive.
/// </summary>
public sealed class Esc50ScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-esc50-script-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Output) Run(string data, IDictionary<string, string>? environment = null, params string[] args) =>
        Torchbook.Tests.Shared.DataScript.Run("esc50.sh", data, environment, args);

    /// <summary>A zip with ESC-50-master/{meta/esc50.csv, audio/*.wav}: 2,000 clips, optionally one missing.</summary>
    private string Archive(string name, bool dropOneClip = false)
    {
        var tree = SynthesizedEsc50.Create(Path.Combine(_folder, "tree-" + name, "ESC-50-master"), clipsPerClassPerFold: 40, sampleRate: 8000, seconds: 0.5);
        File.Delete(Path.Combine(tree, SynthesizedEsc50.MarkerFile));
        if (dropOneClip) File.Delete(Directory.GetFiles(Path.Combine(tree, "audio"))[7]);
        var zip = Path.Combine(_folder, name + ".zip");
        ZipFile.CreateFromDirectory(Path.GetDirectoryName(tree)!, zip);
        return zip;
    }

    [Fact]
    public void It_verifies_the_content_installs_atomically_and_is_idempotent()
    {
        var data = Path.Combine(_folder, "data");
        var url = new Dictionary<string, string> { ["ESC50_URL"] = "file://" + Archive("good") };
        var (code, output) = Run(data, url);
        Assert.True(code == 0, output);
        Assert.Contains("ESC-50 verified and saved", output);
        var dest = Path.Combine(data, "ESC-50");
        Assert.Equal(2000, Directory.GetFiles(Path.Combine(dest, "audio"), "*.wav").Length);
        Assert.Equal(2001, File.ReadAllLines(Path.Combine(dest, "SHA256SUMS")).Length);
        Assert.Empty(Directory.GetFileSystemEntries(data, ".*"));   // no temporary download or folder left

        (code, output) = Run(data, url);
        Assert.Equal(0, code);
        Assert.Contains("nothing to do", output);

        File.WriteAllBytes(Directory.GetFiles(Path.Combine(dest, "audio"))[0], [1, 2, 3]);
        (code, output) = Run(data, null, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("missing or damaged; run data-scripts/esc50.sh", output);
    }

    [Fact]
    public void An_incomplete_archive_is_refused_and_nothing_is_installed()
    {
        var data = Path.Combine(_folder, "data");
        var (code, output) = Run(data, null, "--archive", Archive("short", dropOneClip: true));
        Assert.NotEqual(0, code);
        Assert.Contains("1 of the 2000 clips are missing or damaged", output);
        Assert.Contains("is not a complete ESC-50 archive", output);
        Assert.False(Directory.Exists(Path.Combine(data, "ESC-50")));
        Assert.Empty(Directory.GetFileSystemEntries(data, ".*"));
    }

    [Fact]
    public void Unknown_options_are_refused()
    {
        var (code, output) = Run(Path.Combine(_folder, "data"), null, "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown option", output);
    }
}

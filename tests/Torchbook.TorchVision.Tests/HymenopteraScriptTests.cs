using System.IO.Compression;
using Torchbook.Tests.Shared;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// data-scripts/hymenoptera.sh offline, on archives made here with the layout of PyTorch's hymenoptera_data.zip
/// (train and val, ants and bees, 244 and 153 images, and the .gif placeholder the real archive holds): a right one is
/// installed with its SHA256SUMS and a second run does nothing; a damaged image is caught by --check; an archive with
/// the wrong contents or the wrong pinned SHA-256 is refused and leaves nothing behind.
/// </summary>
public sealed class HymenopteraScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-hymenoptera-script-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A zip laid out as the tutorial's: trainAnts + 121 bees in train, 70 ants and 83 bees in val.</summary>
    private string Archive(int trainAnts = 123, string name = "hymenoptera_data.zip")
    {
        var path = Path.Combine(_folder, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string entry, string text)
        {
            using var w = new StreamWriter(zip.CreateEntry(entry).Open());
            w.Write(text);
        }
        foreach (var (split, ants, bees) in new[] { ("train", trainAnts, 121), ("val", 70, 83) })
        {
            for (int i = 0; i < ants; i++) Add($"hymenoptera_data/{split}/ants/{i}.jpg", $"ant {split} {i}");
            for (int i = 0; i < bees; i++) Add($"hymenoptera_data/{split}/bees/{i}.jpg", $"bee {split} {i}");
        }
        Add("hymenoptera_data/train/ants/imageNotFound.gif", "GIF89a");
        return path;
    }

    private string Dest(string data) => Path.Combine(data, "hymenoptera_data");

    [Fact]
    public void An_archive_with_the_tutorials_layout_is_installed_and_a_second_run_does_nothing()
    {
        var data = Path.Combine(_folder, "data");
        var (code, output) = DataScript.Run("hymenoptera.sh", data, null, "--archive", Archive());
        Assert.True(code == 0, output);
        Assert.Contains("the ants and bees are ready", output);
        var sums = File.ReadAllLines(Path.Combine(Dest(data), "SHA256SUMS"));
        Assert.Equal(244 + 153, sums.Length);
        Assert.Contains(sums, l => l.EndsWith("  train/ants/0.jpg", StringComparison.Ordinal));
        Assert.Equal(83, Directory.GetFiles(Path.Combine(Dest(data), "val", "bees")).Length);
        Assert.Equal(["hymenoptera_data"], Directory.GetFileSystemEntries(data).Select(Path.GetFileName));   // no temporary left

        (code, output) = DataScript.Run("hymenoptera.sh", data, new Dictionary<string, string> { ["HYMENOPTERA_URL"] = "file:///nowhere" });
        Assert.Equal(0, code);
        Assert.Contains("nothing to do", output);
        (code, output) = DataScript.Run("hymenoptera.sh", data, null, "--check");
        Assert.Equal(0, code);
        Assert.Contains("complete and intact", output);

        File.WriteAllText(Path.Combine(Dest(data), "val", "ants", "3.jpg"), "damaged");
        (code, output) = DataScript.Run("hymenoptera.sh", data, null, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("missing or damaged; run data-scripts/hymenoptera.sh", output);
    }

    [Fact]
    public void An_archive_with_other_contents_or_another_pinned_checksum_is_refused_and_leaves_nothing()
    {
        var data = Path.Combine(_folder, "data");
        var short_ = Archive(trainAnts: 100, name: "short.zip");
        var (code, output) = DataScript.Run("hymenoptera.sh", data, new Dictionary<string, string> { ["HYMENOPTERA_URL"] = "file://" + short_ });
        Assert.NotEqual(0, code);
        Assert.Contains("train holds 221 images; the tutorial's data has 244", output);
        Assert.Contains("is not the tutorial's hymenoptera_data.zip", output);
        Assert.False(Directory.Exists(Dest(data)));
        Assert.Empty(Directory.GetFileSystemEntries(data));   // neither the download nor the unpacked folder is left

        (code, output) = DataScript.Run("hymenoptera.sh", data, new Dictionary<string, string> { ["HYMENOPTERA_SHA256"] = new string('0', 64) }, "--archive", Archive());
        Assert.NotEqual(0, code);
        Assert.Contains("not the pinned 0000", output);
        Assert.False(Directory.Exists(Dest(data)));

        File.WriteAllText(Path.Combine(_folder, "junk.zip"), "not a zip");
        (code, output) = DataScript.Run("hymenoptera.sh", data, null, "--archive", Path.Combine(_folder, "junk.zip"));
        Assert.NotEqual(0, code);
        Assert.Contains("could not unpack", output);
        Assert.Empty(Directory.GetFileSystemEntries(data));
    }
}

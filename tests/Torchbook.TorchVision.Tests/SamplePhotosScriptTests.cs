namespace Torchbook.TorchVision.Tests;

/// <summary>
/// data-scripts/sample-photos.sh into temporary data folders. The download path runs against a
/// file:// mirror (the photos already fetched into the data folder), so it needs no network; the
/// apt path is what fetched them (SamplePhotosData).
/// </summary>
public class SamplePhotosScriptTests
{
    [Fact]
    public void Download_path_verifies_writes_atomically_and_is_idempotent()
    {
        var mirror = SamplePhotosData.EnsureFetched();
        using var dir = new TempFolder();
        var env = new Dictionary<string, string> { ["SAMPLE_PHOTOS_BASE_URL"] = "file://" + mirror };
        var (code, output) = SamplePhotosData.RunScript(dir.Path, env, "--download");
        Assert.True(code == 0, output);
        var folder = Path.Combine(dir.Path, "sample-photos");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToArray();
        // Every photo and the credits, no temporary leftovers.
        Assert.Equal(SamplePhotos.Files.Select(p => p.FileName).Append("README.md").Order(), files);
        Assert.Contains("SHA-256 verified", output);
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.Contains("| chelsea.png | Chelsea the cat (300x451 RGB) | Stefan van der Walt | CC0 |", readme);
        Assert.Contains("CC BY 2.0", readme);

        (code, output) = SamplePhotosData.RunScript(dir.Path, env);
        Assert.True(code == 0, output);
        Assert.Contains("nothing to do", output);

        // A damaged photo is noticed by --check, and a run replaces only it.
        File.WriteAllBytes(Path.Combine(folder, "coffee.png"), [0x89, 0x50, 0x4e, 0x47]);
        (code, output) = SamplePhotosData.RunScript(dir.Path, env, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("run data-scripts/sample-photos.sh", output);
        (code, output) = SamplePhotosData.RunScript(dir.Path, env, "--download");
        Assert.True(code == 0, output);
        Assert.Contains("downloading file://" + mirror + "/coffee.png", output);
        Assert.DoesNotContain("/chelsea.png", output.Replace("chelsea.png: already there", ""));
        Assert.True(SamplePhotos.Available(dir.Path));
    }

    [Fact]
    public void A_mirror_with_a_wrong_file_is_refused()
    {
        using var mirror = new TempFolder();
        using var dir = new TempFolder();
        foreach (var p in SamplePhotos.Files) File.WriteAllText(mirror.File(p.FileName), "not the photo");
        var env = new Dictionary<string, string> { ["SAMPLE_PHOTOS_BASE_URL"] = "file://" + mirror.Path };
        var (code, output) = SamplePhotosData.RunScript(dir.Path, env, "--download");
        Assert.NotEqual(0, code);
        Assert.Contains("failed the SHA-256 check", output);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "sample-photos")));
    }

    [Fact]
    public void Unknown_options_are_refused()
    {
        using var dir = new TempFolder();
        var (code, output) = SamplePhotosData.RunScript(dir.Path, null, "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown option", output);
    }
}

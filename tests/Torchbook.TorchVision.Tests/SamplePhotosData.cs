namespace Torchbook.TorchVision.Tests;

/// <summary>
/// Makes sure the sample photos are in the data folder, running data-scripts/sample-photos.sh once
/// when they are not. The tests that read the photos do not skip when they are missing: where the
/// script can run (apt-get download, or the network) it fetches them once into the data folder,
/// which later runs reuse; where it cannot, the tests fail with the script's own message, so
/// missing data never passes silently.
/// </summary>
internal static class SamplePhotosData
{
    private static readonly Lazy<string> Fetched = new(() =>
    {
        if (SamplePhotos.Available()) return SamplePhotos.Folder();
        var (code, output) = RunScript(DataFolder.Root);
        Assert.True(code == 0, $"the sample photos are missing and {SamplePhotos.Script} failed (exit code {code}):\n{output}");
        Assert.True(SamplePhotos.Available(), $"{SamplePhotos.Script} succeeded but the photos are not in {SamplePhotos.Folder()}:\n{output}");
        return SamplePhotos.Folder();
    });

    /// <summary>The folder holding the photos (fetched if needed).</summary>
    public static string EnsureFetched() => Fetched.Value;

    /// <summary>Runs the script with TORCHBOOK_DATA = <paramref name="dataFolder"/>; returns its exit code and output.</summary>
    public static (int code, string output) RunScript(string dataFolder, IDictionary<string, string>? environment = null, params string[] args) =>
        Torchbook.Tests.Shared.DataScript.Run("sample-photos.sh", dataFolder, environment, args);
}

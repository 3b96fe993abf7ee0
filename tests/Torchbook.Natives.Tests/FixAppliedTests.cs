using TorchSharp;

namespace Torchbook.Natives.Tests;

/// <summary>This project's own build output carries the fixed copies, the NuGet cache is untouched,
/// and TorchSharp's first load attempt takes the fixed copy.</summary>
public class FixAppliedTests
{
    [Fact]
    public void The_build_wrote_a_report_beside_the_fixed_copy()
    {
        var report = File.ReadAllText(NativePaths.Report);
        Assert.Contains("source: " + NativePaths.Package, report);
        var plan = LoaderFixPlan.For(ElfFile.Read(NativePaths.Package), LoaderFixPlan.FindSystemLibrary);
        Assert.Contains(plan.Needed ? "loader fix: weakened GLIBCXX_3.4.32" : "loader fix: not needed", report);
    }

    [Fact]
    public void The_output_copy_is_patched_and_the_cache_copy_is_not()
    {
        var fixedCopy = ElfFile.Read(NativePaths.GuardBuilt ? NativePaths.Original : NativePaths.Loaded);
        var cache = ElfFile.Read(NativePaths.Package);
        var plan = LoaderFixPlan.For(cache, LoaderFixPlan.FindSystemLibrary);
        Assert.All(plan.ToWeaken, n => Assert.True(fixedCopy.VersionNeeds().Single(m => m.Name == n.Name).Weak));
        Assert.All(cache.VersionNeeds(), n => Assert.False(n.Weak));
        // Different files, not hard links of one another.
        Assert.NotEqual(File.ReadAllBytes(NativePaths.Package), fixedCopy.Bytes);
    }

    [Fact]
    public void TorchSharp_loads_the_fixed_copy_from_this_output_on_its_first_attempt()
    {
        torch.manual_seed(0);
        using var x = torch.randn(3);
        var maps = File.ReadAllLines("/proc/self/maps").Where(l => l.Contains('/')).Select(l => l[l.IndexOf('/')..]).Distinct().ToList();
        Assert.Contains(NativePaths.Loaded, maps);
        if (NativePaths.GuardBuilt) Assert.Contains(NativePaths.Original, maps);
        Assert.DoesNotContain(maps, m => m.EndsWith("libLibTorchSharp.so") && m != NativePaths.Loaded);
        // TorchSharp copies natives into "cpu/" beside its assembly only when its first load fails.
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")));
    }

    [Fact]
    public void Seeded_randn_is_PyTorchs()
    {
        // torch.manual_seed(0); torch.randn(3) in PyTorch (1.13 and 2.x alike): exact float32 values.
        torch.manual_seed(0);
        using var x = torch.randn(3);
        Assert.Equal(new[] { 1.5409961f, -0.2934289f, -2.1787894f }, x.data<float>().ToArray());
    }
}

namespace Torchbook.Natives.Tests;

/// <summary>The fix is planned only where this system's libraries lack a version.</summary>
public class LoaderFixPlanTests
{
    static ElfFile Package() => ElfFile.Read(NativePaths.Package);

    [Fact]
    public void On_this_system_the_plan_weakens_exactly_the_versions_the_system_libstdcxx_lacks()
    {
        var stdcxx = LoaderFixPlan.FindSystemLibrary("libstdc++.so.6");
        Assert.NotNull(stdcxx);
        var offered = ElfFile.Read(stdcxx!).VersionDefinitions();
        Assert.Contains("GLIBCXX_3.4.26", offered); // libtorch_cpu's own newest need: any supported system has it

        var plan = LoaderFixPlan.For(Package(), LoaderFixPlan.FindSystemLibrary);
        var expected = Package().VersionNeeds().Where(n => n.File == "libstdc++.so.6" && !offered.Contains(n.Name)).Select(n => n.Name);
        Assert.Equal(expected.OrderBy(x => x), plan.ToWeaken.Select(n => n.Name).OrderBy(x => x));
        Assert.Empty(plan.Unfixable);
        Assert.Equal(!offered.Contains("GLIBCXX_3.4.32"), plan.Needed);
    }

    [Fact]
    public void Versions_the_system_has_are_left_alone()
    {
        // glibc, libm and libgcc_s offer every version the library names here: none is weakened.
        var plan = LoaderFixPlan.For(Package(), LoaderFixPlan.FindSystemLibrary);
        Assert.DoesNotContain(plan.ToWeaken, n => n.File is "libc.so.6" or "libm.so.6" or "libgcc_s.so.1");
    }

    [Fact]
    public void Libraries_that_are_not_system_libraries_are_not_checked()
    {
        var plan = LoaderFixPlan.For(Package(), _ => null);
        Assert.False(plan.Needed);
        Assert.Empty(plan.Unfixable);
    }

    [Fact]
    public void A_missing_version_that_a_relocation_uses_is_reported_as_unfixable()
    {
        // Pretend the system's libc is this very library (it defines no GLIBC_* versions): the
        // library's relocated libc symbols then need versions the "system" lacks.
        var plan = LoaderFixPlan.For(Package(), f => f == "libc.so.6" ? NativePaths.Package : null);
        Assert.NotEmpty(plan.Unfixable);
        Assert.Contains(plan.Unfixable, u => u.StartsWith("GLIBC_2.") && u.Contains("used by"));
    }
}

namespace Torchbook.Natives.Tests;

/// <summary>The ELF reader and edits, on the package's own libLibTorchSharp.so (read from the NuGet
/// cache, never written).</summary>
public class ElfFileTests
{
    const string IosInit = "_ZSt21ios_base_library_initv";

    static ElfFile Package() => ElfFile.Read(NativePaths.Package);

    [Fact]
    public void The_package_library_needs_GLIBCXX_3_4_32_for_one_symbol_that_no_relocation_uses()
    {
        var elf = Package();
        var need = Assert.Single(elf.VersionNeeds(), n => n.Name == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.Weak);
        var bound = elf.DynamicSymbols().Where(s => s.VersionIndex == need.Index).ToList();
        var sym = Assert.Single(bound);
        Assert.Equal(IosInit, sym.Name);
        Assert.False(sym.Defined);
        Assert.DoesNotContain(sym.Index, elf.RelocatedSymbols());
    }

    [Fact]
    public void Relocations_are_read()
    {
        // Sanity check of RelocatedSymbols: the library calls into libtorch through many relocated symbols.
        var elf = Package();
        var relocated = elf.RelocatedSymbols();
        var names = elf.DynamicSymbols().Where(s => relocated.Contains(s.Index)).Select(s => s.Name).ToHashSet();
        Assert.Contains("strdup", names);
        Assert.True(names.Count > 1000, $"only {names.Count} relocated symbols");
    }

    [Fact]
    public void Weakening_marks_the_need_weak_and_unversions_its_symbol_and_changes_nothing_else()
    {
        var original = File.ReadAllBytes(NativePaths.Package);
        var elf = new ElfFile((byte[])original.Clone());
        var need = elf.VersionNeeds().Single(n => n.Name == "GLIBCXX_3.4.32");
        var changed = elf.WeakenVersionNeeds(new[] { need });

        Assert.Equal(new[] { IosInit }, changed);
        Assert.True(elf.VersionNeeds().Single(n => n.Name == "GLIBCXX_3.4.32").Weak);
        Assert.Equal(1, elf.DynamicSymbols().Single(s => s.Name == IosInit).VersionIndex);
        // Two bytes of flags (one changes) and two bytes of the symbol's version index.
        var diffs = Enumerable.Range(0, original.Length).Count(i => original[i] != elf.Bytes[i]);
        Assert.InRange(diffs, 2, 4);
        // Every other symbol keeps its version.
        var before = new ElfFile(original).DynamicSymbols();
        var after = elf.DynamicSymbols();
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after).Where(p => p.First.Name != IosInit), p => Assert.Equal(p.First.VersionIndex, p.Second.VersionIndex));
    }

    [Fact]
    public void The_soname_becomes_a_suffix_of_itself()
    {
        var elf = Package();
        Assert.Equal("libLibTorchSharp.so", elf.SoName());
        elf.DropSoNamePrefix("libLib");
        Assert.Equal(NativeFixNames.OriginalName, elf.SoName());
        Assert.Throws<InvalidDataException>(() => elf.DropSoNamePrefix("lib"));
    }

    [Fact]
    public void Not_an_elf_file_is_refused_with_a_message()
    {
        var e = Assert.Throws<InvalidDataException>(() => new ElfFile(System.Text.Encoding.ASCII.GetBytes("MZ this is a Windows DLL, not ELF............................................")));
        Assert.Contains("not an ELF file", e.Message);
        Assert.Throws<InvalidDataException>(() => new ElfFile(new byte[10]));
    }
}

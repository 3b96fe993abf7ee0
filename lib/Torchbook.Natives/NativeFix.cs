#nullable enable
// Byte-level edits of an ELF64 shared library, enough to make TorchSharp's libLibTorchSharp.so load
// on a system whose libstdc++ is older than the one it was linked against.
//
// TorchSharp 0.107's libLibTorchSharp.so names the symbol version GLIBCXX_3.4.32 (GCC 13) for a single
// symbol, std::ios_base_library_init, that GCC 13's <iostream> references only to pull in the newer
// libstdc++: no relocation uses it, so the dynamic loader never looks it up. Debian 12's libstdc++
// ends at GLIBCXX_3.4.30, and the loader refuses the library for the missing version alone. The fix:
// mark that version need weak (VER_FLG_WEAK, the loader then only notes its absence) and give the
// symbol the global version index. A missing version that a relocation does use cannot be fixed this
// way; Plan() reports it and nothing is written.
//
// This file is compiled twice: into the MSBuild task (FixTorchSharpNatives.cs) and into the tests.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace Torchbook.Natives
{
    public sealed class ElfFile
    {
        const uint SHT_RELA = 4, SHT_DYNAMIC = 6, SHT_DYNSYM = 11;
        const uint SHT_GNU_verdef = 0x6ffffffd, SHT_GNU_verneed = 0x6ffffffe, SHT_GNU_versym = 0x6fffffff;
        public const ushort VER_FLG_WEAK = 0x2;
        const long DT_NULL = 0, DT_SONAME = 14;

        public readonly byte[] Bytes;
        readonly List<Section> sections = new List<Section>();

        sealed class Section
        {
            public uint Type, Link, Info;
            public long Offset, Size, EntSize;
        }

        /// <summary>A version that this library needs from another (a Vernaux entry).</summary>
        public sealed class VersionNeed
        {
            public string File = "", Name = "";
            public ushort Flags, Index;
            public long FlagsOffset;
            public bool Weak => (Flags & VER_FLG_WEAK) != 0;
        }

        public sealed class Symbol
        {
            public int Index;
            public string Name = "";
            public bool Defined;
            public ushort VersionIndex;
        }

        public ElfFile(byte[] bytes)
        {
            Bytes = bytes;
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (bytes[4] != 2 || bytes[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
            long shoff = I64(0x28);
            int shentsize = U16(0x3A), shnum = U16(0x3C);
            if (shoff <= 0 || shnum == 0 || shoff + (long)shnum * shentsize > bytes.Length)
                throw new InvalidDataException("the ELF file has no section headers");
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                sections.Add(new Section
                {
                    Type = U32(h + 4), Offset = I64(h + 24), Size = I64(h + 32),
                    Link = U32(h + 40), Info = U32(h + 44), EntSize = I64(h + 56),
                });
            }
        }

        public static ElfFile Read(string path) => new ElfFile(File.ReadAllBytes(path));

        ushort U16(long o) => BitConverter.ToUInt16(Bytes, checked((int)o));
        uint U32(long o) => BitConverter.ToUInt32(Bytes, checked((int)o));
        long I64(long o) => BitConverter.ToInt64(Bytes, checked((int)o));
        void W16(long o, ushort v) { Bytes[o] = (byte)v; Bytes[o + 1] = (byte)(v >> 8); }
        void W64(long o, long v) { for (int i = 0; i < 8; i++) Bytes[o + i] = (byte)(v >> (8 * i)); }

        Section? First(uint type) => sections.FirstOrDefault(s => s.Type == type);

        string Str(Section strtab, long offset)
        {
            long start = strtab.Offset + offset, end = start;
            while (Bytes[end] != 0) end++;
            return Encoding.ASCII.GetString(Bytes, (int)start, (int)(end - start));
        }

        Section DynStr => sections[(int)(First(SHT_DYNSYM) ?? throw new InvalidDataException("no .dynsym")).Link];

        public IReadOnlyList<Symbol> DynamicSymbols()
        {
            var dynsym = First(SHT_DYNSYM) ?? throw new InvalidDataException("no .dynsym");
            var versym = First(SHT_GNU_versym);
            var result = new List<Symbol>();
            int n = (int)(dynsym.Size / 24);
            for (int i = 0; i < n; i++)
            {
                long s = dynsym.Offset + i * 24L;
                result.Add(new Symbol
                {
                    Index = i,
                    Name = Str(DynStr, U32(s)),
                    Defined = U16(s + 6) != 0,
                    VersionIndex = versym == null ? (ushort)1 : (ushort)(U16(versym.Offset + 2L * i) & 0x7fff),
                });
            }
            return result;
        }

        public IReadOnlyList<VersionNeed> VersionNeeds()
        {
            var result = new List<VersionNeed>();
            var verneed = First(SHT_GNU_verneed);
            if (verneed == null) return result;
            var strtab = sections[(int)verneed.Link];
            long vn = verneed.Offset;
            for (uint i = 0; i < verneed.Info; i++)
            {
                string file = Str(strtab, U32(vn + 4));
                long aux = vn + U32(vn + 8);
                for (int j = 0; j < U16(vn + 2); j++)
                {
                    result.Add(new VersionNeed
                    {
                        File = file, Name = Str(strtab, U32(aux + 8)), Flags = U16(aux + 4),
                        Index = (ushort)(U16(aux + 6) & 0x7fff), FlagsOffset = aux + 4,
                    });
                    uint next = U32(aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnext = U32(vn + 12);
                if (vnext == 0) break;
                vn += vnext;
            }
            return result;
        }

        /// <summary>The versions this library defines (what a libstdc++ offers).</summary>
        public ISet<string> VersionDefinitions()
        {
            var result = new HashSet<string>();
            var verdef = First(SHT_GNU_verdef);
            if (verdef == null) return result;
            var strtab = sections[(int)verdef.Link];
            long vd = verdef.Offset;
            for (uint i = 0; i < verdef.Info; i++)
            {
                result.Add(Str(strtab, U32(vd + U32(vd + 12))));
                uint next = U32(vd + 16);
                if (next == 0) break;
                vd += next;
            }
            return result;
        }

        /// <summary>Indexes of the dynamic symbols that some relocation refers to.</summary>
        public ISet<int> RelocatedSymbols()
        {
            var result = new HashSet<int>();
            foreach (var s in sections.Where(s => s.Type == SHT_RELA && s.EntSize == 24))
                for (long r = s.Offset; r < s.Offset + s.Size; r += 24)
                    result.Add((int)(I64(r + 8) >> 32));
            return result;
        }

        public string? SoName()
        {
            var dyn = First(SHT_DYNAMIC);
            if (dyn == null) return null;
            for (long d = dyn.Offset; d < dyn.Offset + dyn.Size; d += 16)
            {
                long tag = I64(d);
                if (tag == DT_NULL) break;
                if (tag == DT_SONAME) return Str(DynStr, I64(d + 8));
            }
            return null;
        }

        /// <summary>Points DT_SONAME at a suffix of its current string (the string table cannot grow):
        /// "libLibTorchSharp.so" becomes "TorchSharp.so".</summary>
        public void DropSoNamePrefix(string prefix)
        {
            var dyn = First(SHT_DYNAMIC) ?? throw new InvalidDataException("no .dynamic");
            for (long d = dyn.Offset; d < dyn.Offset + dyn.Size; d += 16)
            {
                long tag = I64(d);
                if (tag == DT_NULL) break;
                if (tag != DT_SONAME) continue;
                string name = Str(DynStr, I64(d + 8));
                if (!name.StartsWith(prefix, StringComparison.Ordinal))
                    throw new InvalidDataException($"the soname {name} does not start with {prefix}");
                W64(d + 8, I64(d + 8) + prefix.Length);
                return;
            }
            throw new InvalidDataException("the library has no soname");
        }

        /// <summary>Makes the library load without the given version needs: each becomes weak, and the
        /// symbols bound to it become unversioned. Returns the names of the symbols changed.</summary>
        public IReadOnlyList<string> WeakenVersionNeeds(IEnumerable<VersionNeed> needs)
        {
            var versym = First(SHT_GNU_versym) ?? throw new InvalidDataException("no .gnu.version");
            var changed = new List<string>();
            foreach (var need in needs)
            {
                W16(need.FlagsOffset, (ushort)(U16(need.FlagsOffset) | VER_FLG_WEAK));
                foreach (var sym in DynamicSymbols().Where(s => s.VersionIndex == need.Index))
                {
                    W16(versym.Offset + 2L * sym.Index, 1);
                    changed.Add(sym.Name);
                }
            }
            return changed;
        }
    }

    public static class NativeFixNames
    {
        /// <summary>The file TorchSharp loads ("LibTorchSharp" in its DllImports).</summary>
        public const string Loaded = "libLibTorchSharp.so";
        /// <summary>TorchSharp's own library beside the guard. Its soname is a suffix of the original one
        /// (the string table cannot grow), and it must not be a name .NET probes for "LibTorchSharp"
        /// (LibTorchSharp.so is one: DllImport would bind to it and bypass the guard).</summary>
        public const string OriginalName = "TorchSharp.so";
        /// <summary>What the build did, written beside each fixed copy.</summary>
        public const string Report = "torchbook-natives.txt";
    }

    /// <summary>What the loader fix would do to one libLibTorchSharp.so on this system.</summary>
    public sealed class LoaderFixPlan
    {
        /// <summary>Version needs the system's libraries lack and that no relocation uses.</summary>
        public List<ElfFile.VersionNeed> ToWeaken = new List<ElfFile.VersionNeed>();
        /// <summary>Version needs the system lacks but a relocation uses: the library cannot load here.</summary>
        public List<string> Unfixable = new List<string>();
        public bool Needed => ToWeaken.Count > 0;

        /// <summary>Compares the library's version needs with what <paramref name="findSystemLibrary"/>
        /// returns for each library file it names (null: not a system library, e.g. libtorch.so beside it).</summary>
        public static LoaderFixPlan For(ElfFile lib, Func<string, string?> findSystemLibrary)
        {
            var plan = new LoaderFixPlan();
            var symbols = lib.DynamicSymbols();
            var relocated = lib.RelocatedSymbols();
            foreach (var group in lib.VersionNeeds().Where(n => !n.Weak).GroupBy(n => n.File))
            {
                var path = findSystemLibrary(group.Key);
                if (path == null) continue;
                var offered = ElfFile.Read(path).VersionDefinitions();
                foreach (var need in group.Where(n => !offered.Contains(n.Name)))
                {
                    var used = symbols.Where(s => s.VersionIndex == need.Index && !s.Defined && relocated.Contains(s.Index))
                                      .Select(s => s.Name).ToList();
                    if (used.Count == 0) plan.ToWeaken.Add(need);
                    else plan.Unfixable.Add($"{need.Name} from {path} (used by {string.Join(", ", used)})");
                }
            }
            return plan;
        }

        /// <summary>Where the dynamic loader would find a system library: the copy this process has
        /// loaded (the dotnet host links libstdc++), else the usual library folders.</summary>
        public static string? FindSystemLibrary(string file)
        {
            try
            {
                foreach (var line in File.ReadLines("/proc/self/maps"))
                {
                    int slash = line.IndexOf('/');
                    if (slash >= 0 && Path.GetFileName(line.Substring(slash)) is var name &&
                        (name == file || name.StartsWith(file + ".", StringComparison.Ordinal)))
                        return line.Substring(slash);
                }
            }
            catch (IOException) { }
            string triplet = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture ==
                             System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
            foreach (var dir in new[] { $"/usr/lib/{triplet}", $"/lib/{triplet}", "/usr/lib64", "/lib64", "/usr/lib", "/lib" })
            {
                var p = Path.Combine(dir, file);
                if (File.Exists(p)) return p;
            }
            return null;
        }
    }
}

#if !TORCHBOOK_NO_MSBUILD
namespace Torchbook.Natives
{
    using System.Diagnostics;
    using Microsoft.Build.Framework;
    using Microsoft.Build.Utilities;

    /// <summary>The build step (Torchbook.Natives.targets): fixes every copy of libLibTorchSharp.so in a
    /// project's output. Works on copies only: the NuGet cache and system folders are never written.
    ///
    /// For each copy: (1) where this system's libraries lack a symbol version the library names and no
    /// relocation uses it, the need is weakened (the Debian 12 fix); (2) where a C++ compiler exists,
    /// the guard library is built and takes the file name TorchSharp loads, with the patched original
    /// beside it as TorchSharp.so. Writes torchbook-natives.txt beside each copy saying what it did.</summary>
    public sealed class FixTorchSharpNatives : Task
    {
        const string OriginalName = NativeFixNames.OriginalName;
        /// <summary>Part of the cache key: raise it when the steps below change.</summary>
        const string Recipe = "3";

        /// <summary>The package's libLibTorchSharp.so, with DestinationSubDirectory metadata.</summary>
        [Required] public ITaskItem[] Natives { get; set; } = Array.Empty<ITaskItem>();
        [Required] public string OutDir { get; set; } = "";
        /// <summary>Extra folders (relative to OutDir) that also get the fixed pair, e.g. "" for a flat copy.</summary>
        public string[] ExtraDestinations { get; set; } = Array.Empty<string>();
        [Required] public string GuardSource { get; set; } = "";
        [Required] public string GuardTable { get; set; } = "";
        [Required] public string CacheDir { get; set; } = "";
        /// <summary>"true" (default): build the guard where a compiler exists; "false": never.</summary>
        public string Guard { get; set; } = "true";

        public override bool Execute()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
                return true;
            foreach (var item in Natives)
            {
                var source = item.GetMetadata("FullPath");
                var dirs = new[] { item.GetMetadata("DestinationSubDirectory") }.Concat(ExtraDestinations).Distinct();
                try
                {
                    var (lib, guard, report) = Prepare(source);
                    foreach (var rel in dirs)
                    {
                        var dir = Path.Combine(OutDir, rel);
                        Directory.CreateDirectory(dir);
                        // .NET probes "LibTorchSharp.so" before "libLibTorchSharp.so": such a file would bypass both.
                        var probed = Path.Combine(dir, "LibTorchSharp.so");
                        if (File.Exists(probed)) File.Delete(probed);
                        if (guard != null)
                        {
                            Place(lib, Path.Combine(dir, OriginalName));
                            Place(guard, Path.Combine(dir, "libLibTorchSharp.so"));
                        }
                        else
                        {
                            Place(lib, Path.Combine(dir, "libLibTorchSharp.so"));
                            var stale = Path.Combine(dir, OriginalName);
                            if (File.Exists(stale)) File.Delete(stale);
                        }
                        File.WriteAllText(Path.Combine(dir, "torchbook-natives.txt"), report);
                    }
                }
                catch (Exception e) when (e is InvalidDataException || e is IOException || e is InvalidOperationException)
                {
                    Log.LogError($"Torchbook could not fix TorchSharp's native library {source}: {e.Message}");
                    return false;
                }
            }
            return !Log.HasLoggedErrors;
        }

        /// <summary>Writes the fixed library (and the guard) once into the cache, keyed by the inputs.</summary>
        (string lib, string? guard, string report) Prepare(string source)
        {
            var elf = ElfFile.Read(source);
            var plan = LoaderFixPlan.For(elf, LoaderFixPlan.FindSystemLibrary);
            if (plan.Unfixable.Count > 0)
                throw new InvalidOperationException("this system's libraries lack symbol versions it uses: " +
                    string.Join("; ", plan.Unfixable) + ". Use a newer Linux (libstdc++ from GCC 13 or later).");
            string compiler = Guard == "false" ? "" : FindCompiler();
            string key;
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                var keyText = string.Join("|", Recipe, Convert.ToBase64String(sha.ComputeHash(elf.Bytes)),
                    string.Join(",", plan.ToWeaken.Select(n => n.Name)), compiler,
                    File.ReadAllText(GuardSource), File.ReadAllText(GuardTable));
                key = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(keyText))).Replace("-", "").Substring(0, 16);
            }
            var cache = Path.Combine(CacheDir, key);
            var lib = Path.Combine(cache, OriginalName);
            var guard = compiler.Length > 0 ? Path.Combine(cache, "libLibTorchSharp.so") : null;
            var reportPath = Path.Combine(cache, "torchbook-natives.txt");
            if (File.Exists(lib) && File.Exists(reportPath) && (guard == null || File.Exists(guard)))
                return (lib, guard, File.ReadAllText(reportPath));

            // Projects of one solution build in parallel and share this cache: one prepares it, the
            // others wait for it and then read what it wrote.
            Directory.CreateDirectory(cache);
            using var cacheLock = LockFile(Path.Combine(CacheDir, key + ".lock"));
            if (File.Exists(lib) && File.Exists(reportPath) && (guard == null || File.Exists(guard)))
                return (lib, guard, File.ReadAllText(reportPath));
            var report = new StringBuilder();
            report.AppendLine($"source: {source}");
            var changed = elf.WeakenVersionNeeds(plan.ToWeaken);
            report.AppendLine(plan.Needed
                ? $"loader fix: weakened {string.Join(", ", plan.ToWeaken.Select(n => $"{n.Name} ({n.File})"))}; unversioned {string.Join(", ", changed)}"
                : "loader fix: not needed (this system's libraries have every version it names)");
            if (guard != null) elf.DropSoNamePrefix("libLib");
            WriteAtomically(lib, elf.Bytes);

            if (guard != null)
            {
                var exported = new HashSet<string>(elf.DynamicSymbols().Where(s => s.Defined).Select(s => s.Name));
                var table = File.ReadAllLines(GuardTable)
                    .Where(l => !l.StartsWith("GUARD(") || exported.Contains(l.Split(',')[1].Trim())).ToList();
                var tablePath = Path.Combine(cache, "guard_table.inc");
                File.WriteAllLines(tablePath, table);
                var tmp = guard + "." + Guid.NewGuid().ToString("N") + ".tmp";
                var args = $"-shared -fPIC -O2 -std=c++17 -o \"{tmp}\" \"{GuardSource}\" -DTORCHBOOK_GUARD_TABLE=\"\\\"{tablePath}\\\"\" " +
                           $"-Wl,-soname,libTorchbookGuard.so -Wl,--no-as-needed \"{lib}\" -Wl,-rpath,$ORIGIN " +
                           $"-Wl,-rpath-link,\"{Path.GetDirectoryName(source)}\" -ldl";
                var (code, output) = Run(compiler, args);
                if (code != 0)
                {
                    Log.LogWarning($"Torchbook: the guard library did not build ({compiler} exited {code}); a wrong-shape matmul will end the process. {output}");
                    guard = null;
                    lib = Path.Combine(cache, "plain", "libLibTorchSharp.so");
                    Directory.CreateDirectory(Path.GetDirectoryName(lib)!);
                    var plain = ElfFile.Read(source);
                    plain.WeakenVersionNeeds(LoaderFixPlan.For(plain, LoaderFixPlan.FindSystemLibrary).ToWeaken);
                    WriteAtomically(lib, plain.Bytes);
                    report.AppendLine("guard: not built (compiler failed)");
                }
                else
                {
                    MoveOver(tmp, guard);
                    report.AppendLine($"guard: built with {compiler}, {table.Count(l => l.StartsWith("GUARD("))} exports guarded; TorchSharp's library renamed {OriginalName}");
                }
            }
            else
            {
                report.AppendLine(Guard == "false" ? "guard: disabled (TorchbookNativeGuard=false)"
                                                   : "guard: not built (no C++ compiler: install g++)");
                if (Guard != "false")
                    Log.LogWarning("Torchbook: no C++ compiler (c++, g++ or clang++) on PATH, so the guard library was not built: " +
                                   "a wrong-shape matmul will end the process instead of raising an exception. Install g++ and rebuild.");
            }
            WriteAtomically(reportPath, Encoding.UTF8.GetBytes(report.ToString()));
            return (lib, guard, report.ToString());
        }

        /// <summary>An exclusive lock held while the returned stream is open (waits up to five minutes).</summary>
        static FileStream LockFile(string path)
        {
            var until = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
                catch (IOException) when (DateTime.UtcNow < until) { Thread.Sleep(200); }
            }
        }

        static string FindCompiler()
        {
            foreach (var name in new[] { "c++", "g++", "clang++" })
                foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
                    if (dir.Length > 0 && File.Exists(Path.Combine(dir, name)))
                        return Path.Combine(dir, name);
            return "";
        }

        static (int, string) Run(string file, string args)
        {
            var psi = new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output + err.Result);
        }

        static void WriteAtomically(string path, byte[] bytes)
        {
            var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(tmp, bytes);
            MoveOver(tmp, path);
        }

        /// <summary>rename(2): atomic, and the old inode (maybe the cache's, hard-linked) is left as it was.</summary>
        static void MoveOver(string tmp, string path)
        {
            if (File.Exists(path)) File.Replace(tmp, path, null);
            else File.Move(tmp, path);
        }

        /// <summary>Replaces the file (a fresh inode: the copy step may have hard-linked it to the NuGet
        /// cache, which must stay untouched).</summary>
        static void Place(string from, string to)
        {
            if (File.Exists(to) && new FileInfo(to).Length == new FileInfo(from).Length &&
                File.ReadAllBytes(to).SequenceEqual(File.ReadAllBytes(from)))
                return;
            var tmp = to + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.Copy(from, tmp, overwrite: true);
            MoveOver(tmp, to);
        }
    }
}
#endif

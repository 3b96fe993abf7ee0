using System.Runtime.InteropServices;

namespace Torchbook.Natives.Tests;

/// <summary>Where the package's original and this test project's fixed copies of TorchSharp's native
/// library are.</summary>
static class NativePaths
{
    public const string Rid = "linux-x64";

    /// <summary>This project's build output folder for natives (the deps.json runtimes folder).</summary>
    public static string OutputNatives => Path.Combine(AppContext.BaseDirectory, "runtimes", Rid, "native");

    /// <summary>The file TorchSharp loads: the guard library where it was built, else the patched original.</summary>
    public static string Loaded => Path.Combine(OutputNatives, NativeFixNames.Loaded);

    /// <summary>TorchSharp's own library, patched, beside the guard.</summary>
    public static string Original => Path.Combine(OutputNatives, NativeFixNames.OriginalName);

    public static string Report => Path.Combine(OutputNatives, NativeFixNames.Report);

    /// <summary>The untouched file in the NuGet cache.</summary>
    public static string Package
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var version = typeof(TorchSharp.torch).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().First().InformationalVersion.Split('+')[0];
            return Path.Combine(root, "torchsharp", version, "runtimes", Rid, "native", "libLibTorchSharp.so");
        }
    }

    public static bool GuardBuilt => File.ReadAllText(Report).Contains("guard: built");

    /// <summary>Whether the build had a C++ compiler (the guard is built wherever one is on PATH).</summary>
    public static bool CompilerOnPath =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => new[] { "c++", "g++", "clang++" }.Any(c => File.Exists(Path.Combine(dir, c))));

    /// <summary>True where the guard is in use; fails where a compiler existed but the guard is missing.</summary>
    public static bool GuardExpected()
    {
        Assert.True(GuardBuilt || !CompilerOnPath, "a C++ compiler is on PATH but the build did not make the guard: " + File.ReadAllText(Report));
        return GuardBuilt;
    }

    public static bool OnLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
}


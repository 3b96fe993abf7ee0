using System.Reflection;
using System.Runtime.InteropServices;

namespace TorchSharp.Native;

/// <summary>
/// Finds the native shim (libtorchbook_native.so) next to this assembly, wherever the host loaded
/// the assembly from (a test runner, a notebook's #r, a copied folder), or where
/// TORCHBOOK_NATIVE points.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "torchbook_native";

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register()
    {
        try { NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve); }
        catch (InvalidOperationException) { /* a resolver is already set for this assembly */ }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        var tried = new List<string>();
        foreach (var candidate in Candidates(assembly))
        {
            tried.Add(candidate);
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        }
        if (NativeLibrary.TryLoad("lib" + LibraryName + ".so", assembly, searchPath, out var fallback)) return fallback;
        throw new DllNotFoundException(
            $"Torchbook's native library was not found (looked in: {string.Join(", ", tried)}). " +
            "Build it with `./build.sh build` from the repository root, or set TORCHBOOK_NATIVE to the folder that holds libtorchbook_native.so.");
    }

    private static IEnumerable<string> Candidates(Assembly assembly)
    {
        const string file = "lib" + LibraryName + ".so";
        var env = Environment.GetEnvironmentVariable("TORCHBOOK_NATIVE");
        if (!string.IsNullOrEmpty(env)) yield return Directory.Exists(env) ? Path.Combine(env, file) : env;
        if (!string.IsNullOrEmpty(assembly.Location)) yield return Path.Combine(Path.GetDirectoryName(assembly.Location)!, file);
        yield return Path.Combine(AppContext.BaseDirectory, file);
    }
}

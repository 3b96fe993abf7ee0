using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Loads the libraries a notebook references with <c>#r "path.dll"</c>, and the libraries beside
/// them, into the default load context, once each.
/// </summary>
/// <remarks>
/// Roslyn's script loader gives every file it loads a load context of its own, and when a library
/// asks for an older version of a loaded one (TorchSharp.PyBridge 1.4.4 references TorchSharp
/// 0.103; TorchSharp 0.107 is loaded) it loads the file a second time. The two copies' types do
/// not match, and a cell's call fails with "Method not found". Loading the referenced folder into
/// the default context (which binds a request for an older version to the loaded, newer one) and
/// telling the script loader about each assembly keeps one copy of each library.
/// </remarks>
internal static class ReferencedLibraryLoader
{
    private static readonly ConcurrentDictionary<string, byte> Folders = new(StringComparer.Ordinal);
    private static int _installed;

    /// <summary>The paths of a cell's <c>#r "file"</c> lines (not <c>#r "nuget: ..."</c>), as written.</summary>
    public static IReadOnlyList<string> FindReferences(string code) =>
        code.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("#r", StringComparison.Ordinal) && line.Length > 2 && char.IsWhiteSpace(line[2]))
            .Select(line => line[2..].Trim())
            .Where(arg => arg.Length >= 2 && arg[0] == '"' && arg.IndexOf('"', 1) > 1)
            .Select(arg => arg[1..arg.IndexOf('"', 1)])
            .Where(path => !path.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(path))
            .ToList();

    /// <summary>Makes <paramref name="path"/>'s folder a source of libraries and loads the file.</summary>
    public static void Load(string path)
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0) AssemblyLoadContext.Default.Resolving += Resolve;
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder) Folders.TryAdd(folder, 0);
        var name = AssemblyName.GetAssemblyName(full).Name;
        var assembly = Loaded(name);
        if (assembly is null)
        {
            try
            {
                assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
            }
            catch (FileLoadException)
            {
                // Another version is loaded already: the script loader's own rules apply.
            }
        }
        // A library's module initializer sets it up (Torchbook's gives torchvision.io its imager); as
        // in .NET Interactive, referencing a library is what makes it ready.
        if (assembly is not null) RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (Loaded(name.Name) is { } loaded) return loaded;
        foreach (var folder in Folders.Keys)
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }

    private static Assembly? Loaded(string? simpleName) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == simpleName);
}

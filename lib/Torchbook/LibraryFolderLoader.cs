using System.Reflection;
using System.Runtime.Loader;

namespace Torchbook;

/// <summary>
/// Keeps one copy of each library in a notebook that loads Torchbook with <c>#r "…/Torchbook.dll"</c>.
/// </summary>
/// <remarks>
/// A C# script host (.NET Interactive in VS Code and Jupyter) gives each file it loads a load
/// context of its own. When a library asks for an older version of a loaded one
/// (TorchSharp.PyBridge 1.4.4 references TorchSharp 0.103; TorchSharp 0.107 is here), that host
/// loads the file a second time, the two copies' types differ, and calls such as <c>save_py</c>
/// fail with "Method not found". When Torchbook finds itself loaded that way, it loads the
/// libraries beside it into the default load context, which binds a request for an older version
/// to the loaded newer one, before anything else loads them; the script host then uses those
/// copies. A library already loaded (by <c>#r "nuget: TorchSharp-cpu"</c>, say) is used as it is.
/// In a normal application Torchbook is in the default context already and nothing is done.
/// </remarks>
internal static class LibraryFolderLoader
{
    /// <summary>The libraries a notebook's cells name directly, loaded first, in dependency order.</summary>
    private static readonly string[] Preloaded =
        ["TorchSharp", "TorchVision", "TorchSharp.PyBridge", "Torchbook.Formatting", "Torchbook.Plots", "Torchbook.TorchVision", "Torchbook.Audio", "Torchbook.Text"];

    internal static void Run()
    {
        var self = typeof(LibraryFolderLoader).Assembly;
        if (AssemblyLoadContext.GetLoadContext(self) == AssemblyLoadContext.Default) return;
        var folder = Path.GetDirectoryName(self.Location);
        if (string.IsNullOrEmpty(folder)) return;

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name == self.GetName().Name) return self;
            if (Loaded(name.Name) is { } loaded) return loaded;
            var candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        foreach (var name in Preloaded)
        {
            var path = Path.Combine(folder, name + ".dll");
            if (Loaded(name) is null && File.Exists(path)) AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    /// <summary>A loaded assembly of this simple name: the default context's first, else any.</summary>
    private static Assembly? Loaded(string? simpleName) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == simpleName)
        ?? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == simpleName);
}

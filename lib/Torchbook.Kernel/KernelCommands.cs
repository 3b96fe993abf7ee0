using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Install;

namespace Torchbook.Kernel;

/// <summary>
/// What <c>torchbook kernel ...</c> does; the CLI only parses arguments and calls these.
/// Each returns a process exit code and writes what it did (or what went wrong and how to fix it).
/// </summary>
public static class KernelCommands
{
    /// <summary><c>torchbook kernel --connection-file FILE</c>: serve Jupyter until shutdown_request.</summary>
    public static int Serve(string connectionFile) =>
        KernelHost.Run(connectionFile, () => new NotebookSessionExecutor(Environment.CurrentDirectory));

    /// <summary>
    /// <c>torchbook kernel install [--user | --prefix DIR] [--name NAME]</c>: writes the kernelspec, and
    /// the same spec under <see cref="KernelSpecInstaller.PolyglotAliasName"/> so notebooks written
    /// by Polyglot Notebooks (kernelspec.name ".net-csharp") open with this kernel in Jupyter. An
    /// alias folder that holds another kernel (a real .NET Interactive) is left alone.
    /// </summary>
    public static int Install(string? prefix, string name, bool polyglotAlias, TextWriter output, TextWriter error)
    {
        IReadOnlyList<string> launcher;
        string dataDirectory;
        try
        {
            launcher = KernelSpecInstaller.LauncherForCurrentProcess();
            dataDirectory = KernelSpecInstaller.DataDirectory(prefix);
            var folder = KernelSpecInstaller.Install(dataDirectory, name, launcher);
            output.WriteLine($"Installed kernelspec '{name}' ({KernelSpecInstaller.DisplayName}) in {folder}");
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"error: cannot install the kernelspec: {e.Message}");
            return 1;
        }
        if (!polyglotAlias || name == KernelSpecInstaller.PolyglotAliasName) return 0;
        if (!KernelSpecInstaller.IsOursOrAbsent(dataDirectory, KernelSpecInstaller.PolyglotAliasName))
        {
            output.WriteLine($"Left '{KernelSpecInstaller.PolyglotAliasName}' alone: it holds another kernel (.NET Interactive?). " +
                             $"Notebooks with kernelspec '{KernelSpecInstaller.PolyglotAliasName}' will use that one; pick '{name}' in Jupyter to use Torchbook.");
            return 0;
        }
        try
        {
            var alias = KernelSpecInstaller.Install(dataDirectory, KernelSpecInstaller.PolyglotAliasName, launcher);
            output.WriteLine($"Installed the same kernel as '{KernelSpecInstaller.PolyglotAliasName}' (the name Polyglot notebooks carry) in {alias}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"warning: cannot install the '{KernelSpecInstaller.PolyglotAliasName}' alias: {e.Message}");
        }
        return 0;
    }

    /// <summary><c>torchbook kernel uninstall [--user | --prefix DIR] [--name NAME]</c>: removes the kernelspec and our alias.</summary>
    public static int Uninstall(string? prefix, string name, TextWriter output, TextWriter error)
    {
        var dataDirectory = KernelSpecInstaller.DataDirectory(prefix);
        try
        {
            var removed = KernelSpecInstaller.Uninstall(dataDirectory, name);
            output.WriteLine(removed
                ? $"Removed kernelspec '{name}' from {Path.Combine(dataDirectory, "kernels")}"
                : $"Kernelspec '{name}' is not installed in {Path.Combine(dataDirectory, "kernels")}; nothing to remove.");
            if (name != KernelSpecInstaller.PolyglotAliasName
                && Directory.Exists(Path.Combine(dataDirectory, "kernels", KernelSpecInstaller.PolyglotAliasName))
                && KernelSpecInstaller.IsOursOrAbsent(dataDirectory, KernelSpecInstaller.PolyglotAliasName))
            {
                KernelSpecInstaller.Uninstall(dataDirectory, KernelSpecInstaller.PolyglotAliasName);
                output.WriteLine($"Removed the '{KernelSpecInstaller.PolyglotAliasName}' alias");
            }
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot uninstall the kernelspec: {e.Message}");
            return 1;
        }
    }
}

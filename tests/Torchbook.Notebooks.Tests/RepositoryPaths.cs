namespace Torchbook.Notebooks.Tests;

/// <summary>Where the repository and the built `torchbook` are, seen from the test's bin folder.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Torchbook.slnx"))) return dir.FullName;
            }
            throw new InvalidOperationException($"no Torchbook.slnx above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>torchbook.dll of the configuration these tests were built in (Debug or Release).</summary>
    public static string TorchbookDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(Root, "lib", "Torchbook.Cli", "bin", configuration, "net10.0", "torchbook.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"build the CLI first: {path} is missing", path);
            return path;
        }
    }

    /// <summary>An ignored folder for test artefacts that people look at (screenshots).</summary>
    public static string Output => Directory.CreateDirectory(Path.Combine(Root, "output", "test-artifacts")).FullName;
}

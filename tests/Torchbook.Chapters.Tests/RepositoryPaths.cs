namespace Torchbook.Chapters.Tests;

/// <summary>Where the repository, its chapters and the built `torchbook` are, seen from the test's bin folder.</summary>
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

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The file names of the chapters (every .ipynb in notebooks/), in order.</summary>
    public static IReadOnlyList<string> ChapterFiles =>
        Directory.GetFiles(Notebooks, "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Torchbook.Cli.dll of the configuration these tests were built in (Debug or Release).</summary>
    public static string TorchbookDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(Root, "lib", "Torchbook.Cli", "bin", configuration, "net10.0", "Torchbook.Cli.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"build the CLI first (dotnet build lib/Torchbook.Cli -c {configuration}): {path} is missing", path);
            return path;
        }
    }

    /// <summary>A folder of the repository's goldens (tests/goldens/...).</summary>
    public static string Golden(params string[] parts) => Path.Combine([Root, "tests", "goldens", .. parts]);
}

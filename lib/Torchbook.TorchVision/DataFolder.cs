namespace Torchbook;

/// <summary>
/// The one folder that holds every data set the course uses: <c>$TORCHBOOK_DATA</c> when set,
/// otherwise <c>data/</c> at the repository root (the folder holding Torchbook.slnx, found by
/// walking up from the current directory, then from this assembly's folder). The scripts in
/// <c>data-scripts/</c> fill it.
/// </summary>
public static class DataFolder
{
    /// <summary>The environment variable that moves the data folder.</summary>
    public const string EnvironmentVariable = "TORCHBOOK_DATA";

    /// <summary>The file that marks the repository root.</summary>
    public const string RepositoryMarker = "Torchbook.slnx";

    /// <summary>The data folder (it may not exist yet).</summary>
    public static string Root
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            var repo = RepositoryRoot;
            return Path.Combine(repo ?? Directory.GetCurrentDirectory(), "data");
        }
    }

    /// <summary>The repository root, or null when neither the current directory nor this assembly is inside the repository.</summary>
    public static string? RepositoryRoot =>
        FindUpwards(Directory.GetCurrentDirectory()) ?? FindUpwards(AppContext.BaseDirectory);

    /// <summary>The folder of a data set inside the data folder (<c>Root/name</c>).</summary>
    public static string For(string name) => Path.Combine(Root, name);

    /// <summary>The path of a data script, for messages: relative to the repository ("data-scripts/x.sh").</summary>
    public static string Script(string fileName) => "data-scripts/" + fileName;

    private static string? FindUpwards(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, RepositoryMarker))) return dir.FullName;
        return null;
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// <c>#r "nuget: Name, Version"</c>: restores the packages a session asked for through a real
/// <c>dotnet restore</c> of a temporary project, with the nuget.config found by walking up from the
/// notebook folder, and returns the runtime assemblies of the whole package closure.
/// </summary>
internal sealed partial class NuGetRestorer(string notebookDirectory) : IDisposable
{
    private readonly SortedDictionary<string, string> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _projectDirectory = Path.Combine(Path.GetTempPath(), "torchbook-nuget", Guid.NewGuid().ToString("N"));

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"\s]+)\s*)?"\s*$""", RegexOptions.Multiline)]
    private static partial Regex NuGetDirective();

    /// <summary>The <c>#r "nuget: ..."</c> directives in a cell: the exact reference text, name and version ("*" when none).</summary>
    public static IReadOnlyList<(string Reference, string Name, string Version)> FindDirectives(string code) =>
        NuGetDirective().Matches(code)
            .Select(m => (Reference: m.Value.Trim()[2..].Trim().Trim('"'), Name: m.Groups["name"].Value,
                          Version: m.Groups["version"].Success ? m.Groups["version"].Value : "*"))
            .ToList();

    /// <summary>The nuget.config that applies to a folder: the nearest one walking up, or null.</summary>
    public static string? FindNuGetConfig(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            foreach (var name in new[] { "nuget.config", "NuGet.config", "NuGet.Config" })
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Adds packages and restores; returns the runtime assembly paths of all packages restored so far.</summary>
    /// <exception cref="InvalidOperationException">The restore failed; the message has dotnet's output.</exception>
    public async Task<IReadOnlyList<string>> RestoreAsync(IEnumerable<(string Name, string Version)> packages, CancellationToken cancellation)
    {
        foreach (var (name, version) in packages) _packages[name] = version;
        Directory.CreateDirectory(_projectDirectory);
        var project = new StringBuilder();
        project.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        project.AppendLine($"  <PropertyGroup><TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework><ImplicitUsings>disable</ImplicitUsings></PropertyGroup>");
        project.AppendLine("  <ItemGroup>");
        foreach (var (name, version) in _packages)
        {
            project.AppendLine($"    <PackageReference Include=\"{System.Security.SecurityElement.Escape(name)}\" Version=\"{System.Security.SecurityElement.Escape(version)}\" />");
        }
        project.AppendLine("  </ItemGroup>");
        project.AppendLine("</Project>");
        var projectPath = Path.Combine(_projectDirectory, "notebook-packages.csproj");
        await File.WriteAllTextAsync(projectPath, project.ToString(), cancellation);

        var arguments = new List<string> { "restore", projectPath, "-nologo", "-v", "q" };
        if (FindNuGetConfig(notebookDirectory) is { } config)
        {
            arguments.AddRange(["--configfile", config]);
        }
        var (exitCode, output) = await DotNet.RunAsync(arguments, _projectDirectory, cancellation);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet restore of {string.Join(", ", _packages.Select(p => $"{p.Key} {p.Value}"))} failed (exit code {exitCode}):\n{output.Trim()}");
        }
        return ReadRuntimeAssemblies(Path.Combine(_projectDirectory, "obj", "project.assets.json"));
    }

    private static IReadOnlyList<string> ReadRuntimeAssemblies(string assetsPath)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsPath))!.AsObject();
        var packageFolders = assets["packageFolders"]!.AsObject().Select(p => p.Key).ToList();
        var libraries = assets["libraries"]!.AsObject();
        var target = assets["targets"]!.AsObject().First().Value!.AsObject();
        var paths = new List<string>();
        foreach (var (key, value) in target)
        {
            if (value?["type"]?.GetValue<string>() != "package" || value["runtime"] is not JsonObject runtime) continue;
            var libraryPath = libraries[key]?["path"]?.GetValue<string>();
            if (libraryPath is null) continue;
            foreach (var (file, _) in runtime)
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) continue; // "_._" placeholders
                var full = packageFolders.Select(folder => Path.Combine(folder, libraryPath, file)).FirstOrDefault(File.Exists);
                if (full is not null) paths.Add(full);
            }
        }
        return paths;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_projectDirectory)) Directory.Delete(_projectDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}

/// <summary>Runs the dotnet CLI that runs us (or the one on PATH).</summary>
internal static class DotNet
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        try
        {
            await process.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}

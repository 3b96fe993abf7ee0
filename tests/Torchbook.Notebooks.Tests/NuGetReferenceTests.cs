using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;
using Xunit;

namespace Torchbook.Notebooks.Tests;

public sealed class NuGetReferenceTests
{
    [Fact]
    public void Directives_are_parsed_with_and_without_version()
    {
        var found = NuGetRestorer.FindDirectives("#r \"nuget: CsvHelper, 34.0.0\"\n#r \"nuget:Markdig\"\nvar x = 1;");
        Assert.Equal([("nuget: CsvHelper, 34.0.0", "CsvHelper", "34.0.0"), ("nuget:Markdig", "Markdig", "*")], found);
    }

    [Fact]
    public void Nearest_nuget_config_is_found_walking_up()
    {
        var root = Directory.CreateTempSubdirectory("torchbook-cfg-").FullName;
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
            File.WriteAllText(Path.Combine(root, "nuget.config"), "<configuration />");
            Assert.Equal(Path.Combine(root, "nuget.config"), NuGetRestorer.FindNuGetConfig(nested));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Nuget_reference_restores_and_the_package_is_usable()
    {
        // The repository's nuget.config is found by walking up from this folder; CsvHelper 34.0.0 is in the local cache.
        var dir = Path.Combine(AppContext.BaseDirectory, "nuget-notebook");
        Directory.CreateDirectory(dir);
        using var session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = dir });
        var result = await session.ExecuteAsync(
            "#r \"nuget: CsvHelper, 34.0.0\"\nusing CsvHelper;\ntypeof(CsvReader).Assembly.GetName().Version!.Major",
            NullOutputSink.Instance);
        Assert.True(result.Succeeded, result.Error?.EValue + "\n" + string.Join("\n", result.Error?.Traceback ?? []));
        Assert.Equal("34", result.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }
}

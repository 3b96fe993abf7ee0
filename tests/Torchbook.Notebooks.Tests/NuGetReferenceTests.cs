using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;
using Xunit;

namespace Torchbook.Notebooks.Tests;

public sealed class NuGetReferenceTests
{
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

using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Xunit;

namespace Torchbook.Notebooks.Tests;

/// <summary>
/// The chapters as .NET Interactive reads and writes them (Microsoft.DotNet.Interactive.Documents,
/// the code behind Polyglot Notebooks' .ipynb support): nothing of ours is lost or changed.
/// </summary>
/// <remarks>
/// Why the runner still writes executed copies with its own NotebookJson: Documents'
/// ToJupyterJson throws ("Expected IEnumerable&lt;string&gt; but received Dictionary") on an output
/// whose data is a JSON MIME type, which every executed chapter has.
/// </remarks>
public sealed class PolyglotDocumentTests
{
    public static TheoryData<string> Chapters()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "notebooks"), "*.ipynb").Order())
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void A_chapter_round_trips_through_dotnet_interactive_documents_unchanged(string chapter)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", chapter));
        var document = Notebook.Parse(text);
        Assert.NotEmpty(document.Elements);
        // Every cell says which kernel runs it, so Polyglot opens code cells as C#.
        Assert.All(document.Elements, e => Assert.Contains(e.KernelName, new[] { "csharp", "markdown" }));

        var written = JsonNode.Parse(Notebook.ToJupyterJson(document));
        var original = JsonNode.Parse(text);
        Assert.True(JsonNode.DeepEquals(original, written), $"{chapter} changed on a round trip through Microsoft.DotNet.Interactive.Documents");
    }
}

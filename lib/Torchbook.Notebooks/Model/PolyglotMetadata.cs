using System.Text.Json.Nodes;

namespace Torchbook.Notebooks.Model;

/// <summary>
/// The metadata Polyglot Notebooks (.NET Interactive) writes, so that it still opens our notebooks as
/// C#: the kernelspec, <c>polyglot_notebook.kernelInfo</c>, and per cell
/// <c>polyglot_notebook.kernelName</c> and <c>dotnet_interactive.language</c>.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>Marks a code cell as C# the way Polyglot Notebooks does.</summary>
    public static void MarkCSharpCell(NotebookCell cell)
    {
        cell.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" };
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" };
    }

    /// <summary>Notebook metadata of a C# notebook as Polyglot Notebooks writes it.</summary>
    public static JsonObject CSharpNotebookMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject
        {
            ["name"] = "polyglot-notebook",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };
}

using System.Text.Json.Nodes;

namespace Torchbook.Chapters.Tests;

/// <summary>The chapters' golden values (tests/goldens/chapters, written by tests/parity/make_chapter_goldens.py).</summary>
internal static class Goldens
{
    public static JsonNode Chapter(string fileName)
    {
        var path = RepositoryPaths.Golden("chapters", fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: run /usr/bin/python3 tests/parity/make_chapter_goldens.py", path);
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    public static string Text(this JsonNode node, string key) => node[key]!.GetValue<string>();
}

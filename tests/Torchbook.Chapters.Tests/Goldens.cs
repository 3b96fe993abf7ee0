using System.Text.Json.Nodes;

namespace Torchbook.Chapters.Tests;

/// <summary>The golden values the chapters are checked against (tests/goldens, written by the scripts in tests/parity).</summary>
internal static class Goldens
{
    /// <summary>A file of tests/goldens/chapters (tests/parity/make_chapter_goldens.py).</summary>
    public static JsonNode Chapter(string fileName) => Read("chapters", fileName, "make_chapter_goldens.py");

    /// <summary>TorchVision's model zoo as Debian's python3-torchvision 0.14 sees it (tests/parity/make_model_zoo_goldens.py).</summary>
    public static JsonNode ModelZoo() => Read("vision", "model_zoo.json", "make_model_zoo_goldens.py");

    private static JsonNode Read(string folder, string fileName, string script)
    {
        var path = RepositoryPaths.Golden(folder, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: run /usr/bin/python3 tests/parity/{script}", path);
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    public static string Text(this JsonNode node, string key) => node[key]!.GetValue<string>();
}

using System.Text.Json.Nodes;

namespace Torchbook.Text.Tests;

/// <summary>tests/goldens/text/text.json, written by tests/parity/make_text_goldens.py from torchtext 0.14's own code.</summary>
internal static class TextGoldens
{
    public static JsonNode Root { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "text", "text.json")))!;

    public static List<string> Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}

using System.Text.Json;

namespace Torchbook.TorchSharp.Tests.Data;

/// <summary>Reads tests/goldens/data-loading/data.json (written by tests/parity/make_data_goldens.py with PyTorch 1.13).</summary>
internal static class DataGoldens
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "data-loading", "data.json"))).RootElement.Clone());

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static long[] Longs(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    public static long[][] LongLists(JsonElement e) => e.EnumerateArray().Select(Longs).ToArray();
}

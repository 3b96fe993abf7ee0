using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>The image fixtures and the pixels PIL decodes from them (tests/parity/make_image_goldens.py).</summary>
internal static class ImageGoldens
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "goldens", "images");

    public static string File(string name) => Path.Combine(Folder, name);

    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(System.IO.File.ReadAllText(File("images.json"))).RootElement.Clone());

    public static JsonElement Json => Root.Value;

    /// <summary>A {"shape", "dtype": "uint8", "values"} golden as a tensor.</summary>
    public static Tensor Tensor(JsonElement g)
    {
        Assert.Equal("uint8", g.GetProperty("dtype").GetString());
        var shape = g.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var values = g.GetProperty("values").EnumerateArray().Select(e => checked((byte)e.GetInt32())).ToArray();
        return tensor(values, shape, ScalarType.Byte);
    }

    /// <summary>What PIL decodes from <paramref name="file"/> in <paramref name="mode"/>.</summary>
    public static Tensor Expected(string file, string mode) => Tensor(Json.GetProperty("files").GetProperty(file).GetProperty(mode));

    /// <summary>Same shape and the same values (TorchSharp's Tensor.equal is element-wise).</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && a.eq(b).all().item<bool>();

    public static void AssertEqual(Tensor expected, Tensor actual, string what) => AssertClose(expected, actual, 0, what);

    /// <summary>Same shape, uint8, and no value more than <paramref name="bound"/> from PIL's (0: identical).</summary>
    public static void AssertClose(Tensor expected, Tensor actual, int bound, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], PIL has [{string.Join(", ", expected.shape)}]");
        Assert.Equal(ScalarType.Byte, actual.dtype);
        using var diff = (actual.to(ScalarType.Int32) - expected.to(ScalarType.Int32)).abs();
        var worst = diff.max().item<int>();
        Assert.True(worst <= bound, $"{what}: {diff.count_nonzero().item<long>()} values differ from PIL's (by up to {worst}; allowed: {bound})");
    }
}

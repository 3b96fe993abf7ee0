using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchVision.Tests;

/// <summary>Reads tests/goldens/vision/*.json (written by tests/parity/make_transform_goldens.py).</summary>
internal static class VisionGoldens
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    private static JsonElement File(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var doc))
                Cache[name] = doc = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "vision", name))).RootElement.Clone();
            return doc;
        }
    }

    public static bool Has(string file, string key) => File(file).TryGetProperty(key, out _);

    private static ScalarType DType(string name) => name switch
    {
        "float32" => ScalarType.Float32, "float64" => ScalarType.Float64, "int64" => ScalarType.Int64,
        "int32" => ScalarType.Int32, "int16" => ScalarType.Int16, "int8" => ScalarType.Int8, "uint8" => ScalarType.Byte,
        _ => throw new InvalidDataException($"unknown dtype '{name}' in a golden file"),
    };

    public static Tensor Tensor(string file, string key)
    {
        var g = File(file).GetProperty(key);
        var shape = g.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var dtype = DType(g.GetProperty("dtype").GetString()!);
        var values = g.GetProperty("values").EnumerateArray();
        return is_floating_point(dtype)
            ? tensor(values.Select(e => e.GetDouble()).ToArray(), shape).to(dtype)
            : tensor(values.Select(e => e.GetInt64()).ToArray(), shape).to(dtype);
    }

    /// <summary>Same shape, same dtype, bit-identical values.</summary>
    public static void AssertEqual(string file, string key, Tensor actual)
    {
        using var expected = Tensor(file, key);
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{key}: shape [{string.Join(", ", actual.shape)}], PyTorch has [{string.Join(", ", expected.shape)}]");
        Assert.True(expected.dtype == actual.dtype, $"{key}: dtype {actual.dtype}, PyTorch has {expected.dtype}");
        Assert.True(expected.eq(actual).all().item<bool>(), $"{key}: values differ from PyTorch's\nC#:      {actual}\nPyTorch: {expected}");
    }
}

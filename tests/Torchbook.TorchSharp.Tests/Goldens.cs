using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

/// <summary>Reads the values PyTorch computed (tests/parity/make_tensor_goldens.py) and compares tensors with them.</summary>
internal static class Goldens
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement File(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "goldens", "tensor", name);
                Cache[name] = doc = JsonDocument.Parse(System.IO.File.ReadAllText(path)).RootElement.Clone();
            }
            return doc;
        }
    }

    public static IEnumerable<string> Keys(string file, string prefix) =>
        File(file).EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));

    public static ScalarType DType(string name) => name switch
    {
        "float32" => ScalarType.Float32, "float64" => ScalarType.Float64, "float16" => ScalarType.Float16,
        "bfloat16" => ScalarType.BFloat16, "int64" => ScalarType.Int64, "int32" => ScalarType.Int32,
        "int16" => ScalarType.Int16, "int8" => ScalarType.Int8, "uint8" => ScalarType.Byte, "bool" => ScalarType.Bool,
        _ => throw new InvalidDataException($"unknown dtype name '{name}' in a golden file"),
    };

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, var s => throw new FormatException(s) }
        : e.GetDouble();

    /// <summary>The golden as a tensor of its own dtype.</summary>
    public static Tensor Tensor(string file, string key)
    {
        var g = File(file).GetProperty(key);
        var shape = g.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var dtype = DType(g.GetProperty("dtype").GetString()!);
        var values = g.GetProperty("values").EnumerateArray();
        if (dtype == ScalarType.Bool) return tensor(values.Select(e => e.GetBoolean()).ToArray(), shape);
        if (is_floating_point(dtype)) return tensor(values.Select(Number).ToArray(), shape).to(dtype);
        return tensor(values.Select(e => e.GetInt64()).ToArray(), shape).to(dtype);
    }

    /// <summary>Asserts same shape, same dtype and equal values (bit-exact unless a tolerance is given).</summary>
    public static void AssertMatches(string file, string key, Tensor actual, double rtol = 0, double atol = 0)
    {
        using var expected = Tensor(file, key);
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{key}: shape [{string.Join(", ", actual.shape)}], PyTorch has [{string.Join(", ", expected.shape)}]");
        Assert.True(expected.dtype == actual.dtype, $"{key}: dtype {actual.dtype}, PyTorch has {expected.dtype}");
        if (rtol == 0 && atol == 0)
            Assert.True(expected.equal(actual) || (is_floating_point(actual.dtype) && actual.allclose(expected, 0, 0, equal_nan: true)),
                $"{key}: values differ from PyTorch's\nC#:      {actual}\nPyTorch: {expected}");
        else
            Assert.True(actual.allclose(expected, rtol, atol), $"{key}: values differ beyond rtol={rtol}, atol={atol}\nC#:      {actual}\nPyTorch: {expected}");
    }
}

/// <summary>Tests that change global libtorch state (seeds, thread counts, print options) run one at a time.</summary>
[CollectionDefinition("libtorch global state", DisableParallelization = true)]
public class GlobalStateCollection { }

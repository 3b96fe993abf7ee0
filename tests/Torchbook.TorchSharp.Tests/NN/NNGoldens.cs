using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests.NN;

/// <summary>Reads tests/goldens/nn/*.json (written by tests/parity/make_nn_goldens.py) and compares with them.</summary>
internal static class NNGoldens
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement File(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "goldens", "nn", name);
                Cache[name] = doc = JsonDocument.Parse(System.IO.File.ReadAllText(path)).RootElement.Clone();
            }
            return doc;
        }
    }

    public static JsonElement Get(string file, string key) =>
        File(file).TryGetProperty(key, out var v) ? v : throw new KeyNotFoundException($"{file} has no golden '{key}': run tests/parity/make_nn_goldens.py");

    public static string String(string file, string key) => Get(file, key).GetString()!;

    public static double[] Doubles(string file, string key) => Get(file, key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static Tensor Tensor(string file, string key)
    {
        var g = Get(file, key);
        var shape = g.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var dtype = g.GetProperty("dtype").GetString()!;
        var values = g.GetProperty("values").EnumerateArray();
        return dtype switch
        {
            "float32" => tensor(values.Select(e => (float)e.GetDouble()).ToArray(), shape),
            "float64" => tensor(values.Select(e => e.GetDouble()).ToArray(), shape),
            "int64" => tensor(values.Select(e => e.GetInt64()).ToArray(), shape),
            "bool" => tensor(values.Select(e => e.GetBoolean()).ToArray(), shape),
            _ => throw new NotSupportedException(dtype),
        };
    }

    /// <summary>Same shape, dtype and values as PyTorch's (bit-exact unless a tolerance is given).</summary>
    public static void AssertMatches(string file, string key, Tensor actual, double rtol = 0, double atol = 0)
    {
        using var expected = Tensor(file, key);
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{key}: shape [{string.Join(", ", actual.shape)}], PyTorch has [{string.Join(", ", expected.shape)}]");
        Assert.True(expected.dtype == actual.dtype, $"{key}: dtype {actual.dtype}, PyTorch has {expected.dtype}");
        using var a = actual.detach();
        bool ok = rtol == 0 && atol == 0 ? expected.equal(a) : a.allclose(expected, rtol, atol);
        Assert.True(ok, $"{key}: values differ from PyTorch's (rtol={rtol}, atol={atol})\nC#:      {a}\nPyTorch: {expected}");
    }
}

using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests;

/// <summary>
/// Reads the values PyTorch 1.13 computed (tests/goldens/*/*.json, written by tests/parity/*.py) and
/// compares TorchSharp's tensors with them. A file is named by its folder: "tensor/ops.json".
/// </summary>
internal static class Goldens
{
    private static readonly Dictionary<string, JsonElement> Cache = new();

    public static JsonElement File(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var root))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "goldens", file);
                Cache[file] = root = JsonDocument.Parse(System.IO.File.ReadAllText(path)).RootElement.Clone();
            }
            return root;
        }
    }

    public static JsonElement Get(string file, string key) =>
        File(file).TryGetProperty(key, out var v) ? v : throw new KeyNotFoundException($"{file} has no golden '{key}': run the script in tests/parity that writes it");

    public static IEnumerable<string> Keys(string file, string prefix) =>
        File(file).EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));

    public static string String(string file, string key) => Get(file, key).GetString()!;

    public static double[] Doubles(string file, string key) => Get(file, key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[] Longs(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    public static long[][] LongLists(JsonElement e) => e.EnumerateArray().Select(Longs).ToArray();

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

    /// <summary>The golden as a tensor of its own dtype and shape (floats are stored so that they read back exactly).</summary>
    public static Tensor Tensor(string file, string key)
    {
        var g = Get(file, key);
        var shape = g.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var dtype = DType(g.GetProperty("dtype").GetString()!);
        var values = g.GetProperty("values").EnumerateArray();
        if (dtype == ScalarType.Bool) return tensor(values.Select(e => e.GetBoolean()).ToArray(), shape);
        if (is_floating_point(dtype))
        {
            using var d = tensor(values.Select(Number).ToArray(), shape);
            return d.to(dtype);
        }
        using var l = tensor(values.Select(e => e.GetInt64()).ToArray(), shape);
        return l.to(dtype);
    }

    /// <summary>
    /// Same shape, same dtype and the same values as PyTorch's. With rtol = atol = 0 (the default) the
    /// values must be identical (NaN where PyTorch has NaN); otherwise |actual - golden| &lt;= atol + rtol * |golden|.
    /// </summary>
    public static void AssertMatches(string file, string key, Tensor actual, double rtol = 0, double atol = 0)
    {
        using var expected = Tensor(file, key);
        using var a = actual.detach();
        Assert.True(expected.shape.SequenceEqual(a.shape), $"{key}: shape [{string.Join(", ", a.shape)}], PyTorch has [{string.Join(", ", expected.shape)}]");
        Assert.True(expected.dtype == a.dtype, $"{key}: dtype {a.dtype}, PyTorch has {expected.dtype}");
        bool ok = rtol == 0 && atol == 0
            ? (is_floating_point(a.dtype) ? a.allclose(expected, 0, 0, equal_nan: true) : a.eq(expected).all().item<bool>())
            : a.allclose(expected, rtol, atol);
        Assert.True(ok, $"{key}: values differ from PyTorch's (rtol={rtol}, atol={atol})\nTorchSharp: {Values(a)}\nPyTorch:    {Values(expected)}");
    }

    /// <summary>Every value, with enough digits to tell floats apart.</summary>
    private static string Values(Tensor t)
    {
        using var flat = t.reshape(-1);
        return flat.dtype switch
        {
            ScalarType.Bool => string.Join(", ", flat.data<bool>()),
            _ when is_floating_point(flat.dtype) => string.Join(", ", flat.to(ScalarType.Float64).data<double>().Select(v => v.ToString("R"))),
            _ => string.Join(", ", flat.to(ScalarType.Int64).data<long>()),
        };
    }
}

/// <summary>Tests that change or draw from libtorch's global state (the default generator, thread counts) run one at a time.</summary>
[CollectionDefinition("libtorch global state", DisableParallelization = true)]
public class GlobalStateCollection { }


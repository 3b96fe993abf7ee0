using System.Numerics;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Compares what our readers return with the JSON descriptions Python wrote.</summary>
static class ExpectedGraph
{
    public static ScalarType DTypeFromName(string name) => Goldens.DType(name);

    public static void AssertMatches(JsonElement expected, object? actual, string path = "<root>")
    {
        string type = expected.GetProperty("type").GetString()!;
        switch (type)
        {
            case "tensor":
                AssertTensor(expected, Assert.IsType<RawTensor>(actual), path);
                break;
            case "none":
                Assert.Null(actual);
                break;
            case "bool":
                Assert.Equal(expected.GetProperty("value").GetBoolean(), Assert.IsType<bool>(actual));
                break;
            case "int":
                var want = BigInteger.Parse(expected.GetProperty("value").GetString()!);
                BigInteger got = actual switch
                {
                    long l => l,
                    BigInteger b => b,
                    _ => throw new Xunit.Sdk.XunitException($"{path}: expected an int, got {actual?.GetType().Name ?? "null"}"),
                };
                Assert.True(want == got, $"{path}: expected {want}, got {got}");
                if (want >= long.MinValue && want <= long.MaxValue) Assert.IsType<long>(actual);
                break;
            case "float":
                AssertSameDouble(ModelFileFixtures.ParseHexFloat(expected.GetProperty("value").GetString()!), Assert.IsType<double>(actual), path);
                break;
            case "str":
                Assert.Equal(expected.GetProperty("value").GetString(), Assert.IsType<string>(actual));
                break;
            case "tuple":
                AssertItems(expected, Assert.IsType<object?[]>(actual), path);
                break;
            case "list":
                AssertItems(expected, Assert.IsType<List<object?>>(actual), path);
                break;
            case "dict":
                AssertPairs(expected, Assert.IsType<Dictionary<object, object?>>(actual).Select(kv => (kv.Key, kv.Value)).ToList(), path);
                break;
            case "ordered_dict":
                AssertPairs(expected, Assert.IsType<OrderedDictionary<object, object?>>(actual).Select(kv => (kv.Key, kv.Value)).ToList(), path);
                break;
            default:
                throw new ArgumentException($"unknown type {type}");
        }
    }

    /// <summary>A state_dict description against a name → tensor map, in any order.</summary>
    public static void AssertTensorsMatch(JsonElement expected, IReadOnlyDictionary<string, RawTensor> actual)
    {
        var items = expected.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, actual.Count);
        foreach (JsonElement pair in items)
        {
            string name = pair[0].GetProperty("value").GetString()!;
            Assert.True(actual.ContainsKey(name), $"missing tensor {name}");
            AssertTensor(pair[1], actual[name], name);
        }
    }

    static void AssertItems(JsonElement expected, IList<object?> actual, string path)
    {
        var items = expected.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, actual.Count);
        for (int i = 0; i < items.Count; i++) AssertMatches(items[i], actual[i], $"{path}[{i}]");
    }

    static void AssertPairs(JsonElement expected, List<(object Key, object? Value)> actual, string path)
    {
        var items = expected.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, actual.Count);
        for (int i = 0; i < items.Count; i++)
        {
            AssertMatches(items[i][0], actual[i].Key, $"{path}.key{i}");
            AssertMatches(items[i][1], actual[i].Value, $"{path}[{actual[i].Key}]");
        }
    }

    public static void AssertTensor(JsonElement expected, RawTensor actual, string path)
    {
        Assert.Equal(DTypeFromName(expected.GetProperty("dtype").GetString()!), actual.DType);
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(), actual.Shape.ToArray());
        var values = expected.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(values.Count, actual.NumElements);
        switch (actual.DType)
        {
            case ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64:
                double[] got = actual.ToDoubleArray();
                for (int i = 0; i < values.Count; i++)
                    AssertSameDouble(ModelFileFixtures.ParseHexFloat(values[i].GetString()!), got[i], $"{path}[{i}]");
                break;
            case ScalarType.Bool:
                bool[] bools = actual.ToArray<bool>();
                for (int i = 0; i < values.Count; i++) Assert.Equal(values[i].GetBoolean(), bools[i]);
                break;
            default:
                long[] ints = IntegerValues(actual);
                for (int i = 0; i < values.Count; i++) Assert.True(values[i].GetInt64() == ints[i], $"{path}[{i}]: expected {values[i]}, got {ints[i]}");
                break;
        }
    }

    public static long[] IntegerValues(RawTensor t) => t.DType switch
    {
        ScalarType.Byte => t.ToArray<byte>().Select(v => (long)v).ToArray(),
        ScalarType.Int8 => t.ToArray<sbyte>().Select(v => (long)v).ToArray(),
        ScalarType.Int16 => t.ToArray<short>().Select(v => (long)v).ToArray(),
        ScalarType.Int32 => t.ToArray<int>().Select(v => (long)v).ToArray(),
        ScalarType.Int64 => t.ToArray<long>(),
        _ => throw new ArgumentException(t.DType.ToString()),
    };

    /// <summary>Same double, bit for bit (so -0.0 differs from 0.0), with any NaN equal to any NaN.</summary>
    public static void AssertSameDouble(double expected, double actual, string path)
    {
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"{path}: expected NaN, got {actual}");
        else Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{path}: expected {expected:R}, got {actual:R}");
    }
}

using System.Globalization;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Torchbook.Tests.Printing;

/// <summary>
/// One case of tests/goldens/repr/cases.json, written by tests/parity/make_repr_goldens.py from
/// PyTorch 1.13: the tensor's description, the print options in effect, and PyTorch's repr().
/// </summary>
internal sealed class ReprGoldenCase
{
    private static readonly Lazy<IReadOnlyDictionary<string, ReprGoldenCase>> All = new(Load);

    public required string Name { get; init; }
    public required TensorPrintData Data { get; init; }
    public required PrintOptions Options { get; init; }
    public required string Expected { get; init; }
    public required bool StrEqualsRepr { get; init; }

    /// <summary>The keyword arguments the case passed to torch.set_printoptions (empty: defaults).</summary>
    public required IReadOnlyDictionary<string, JsonElement> SetPrintOptionsArgs { get; init; }

    /// <summary>The committed goldens, or the file named by TORCHBOOK_REPR_GOLDENS (e.g. fuzz cases).</summary>
    public static string GoldenPath =>
        Environment.GetEnvironmentVariable("TORCHBOOK_REPR_GOLDENS") is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "goldens", "repr", "cases.json");

    public static IEnumerable<string> Names => All.Value.Keys;

    public static ReprGoldenCase Get(string name) => All.Value[name];

    public override string ToString() => Name;

    /// <summary>
    /// The case as a real TorchSharp tensor: the golden's elements in its dtype and shape, a leaf
    /// that requires grad where the case does, wrapped in a Parameter where the case is one.
    /// </summary>
    public Tensor ToTensor()
    {
        var d = Data;
        Tensor flat = d.DType switch
        {
            ScalarType.Bool => tensor(d.BoolValues!),
            ScalarType.Byte => tensor(d.IntegerValues!.Select(v => (byte)v).ToArray()),
            ScalarType.Int8 => tensor(d.IntegerValues!.Select(v => (sbyte)v).ToArray()),
            ScalarType.Int16 => tensor(d.IntegerValues!.Select(v => (short)v).ToArray()),
            ScalarType.Int32 => tensor(d.IntegerValues!.Select(v => (int)v).ToArray()),
            ScalarType.Int64 => tensor(d.IntegerValues!),
            ScalarType.Float64 => tensor(d.FloatValues!),
            // float16 and bfloat16 values are exact float32 values: converting them back is exact.
            _ => tensor(d.FloatValues!.Select(v => (float)v).ToArray()).to(d.DType),
        };
        var t = flat.reshape(d.Shape);
        if (d.IsParameter) return new Parameter(t, requires_grad: d.RequiresGrad);
        if (d.RequiresGrad) t.requires_grad_(true);
        return t;
    }

    private static IReadOnlyDictionary<string, ReprGoldenCase> Load()
    {
        if (!File.Exists(GoldenPath))
            throw new FileNotFoundException(
                "The repr goldens are missing next to the test assembly; regenerate them with " +
                "/usr/bin/python3 tests/parity/make_repr_goldens.py and rebuild.", GoldenPath);
        using var document = JsonDocument.Parse(File.ReadAllText(GoldenPath));
        var cases = new Dictionary<string, ReprGoldenCase>();
        foreach (var element in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var parsed = Parse(element);
            cases.Add(parsed.Name, parsed);
        }
        return cases;
    }

    private static ReprGoldenCase Parse(JsonElement c)
    {
        long[] shape = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        ScalarType dtype = DType(c.GetProperty("dtype").GetString()!);
        var values = c.GetProperty("values");
        TensorPrintData data = dtype switch
        {
            ScalarType.Bool => new TensorPrintData(shape, values.EnumerateArray().Select(e => e.GetBoolean()).ToArray()),
            ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64 =>
                new TensorPrintData(shape, dtype, values.EnumerateArray().Select(e => FloatValue(e.GetString()!)).ToArray()),
            _ => new TensorPrintData(shape, dtype, values.EnumerateArray().Select(e => e.GetInt64()).ToArray()),
        };
        var gradFn = c.GetProperty("grad_fn");
        data = data with
        {
            Device = c.GetProperty("device").GetString()!,
            RequiresGrad = c.GetProperty("requires_grad").GetBoolean(),
            GradFn = gradFn.ValueKind == JsonValueKind.Null ? null : gradFn.GetString(),
            IsParameter = c.GetProperty("is_parameter").GetBoolean(),
            DefaultDType = DType(c.GetProperty("default_dtype").GetString()!),
        };

        var o = c.GetProperty("options");
        var sci = o.GetProperty("sci_mode");
        var options = new PrintOptions
        {
            Precision = o.GetProperty("precision").GetInt32(),
            Threshold = Threshold(o.GetProperty("threshold")),
            EdgeItems = o.GetProperty("edgeitems").GetInt32(),
            LineWidth = o.GetProperty("linewidth").GetInt32(),
            SciMode = sci.ValueKind == JsonValueKind.Null ? null : sci.GetBoolean(),
        };

        return new ReprGoldenCase
        {
            Name = c.GetProperty("name").GetString()!,
            Data = data,
            Options = options,
            Expected = c.GetProperty("expected").GetString()!,
            StrEqualsRepr = c.GetProperty("str_equals_repr").GetBoolean(),
            SetPrintOptionsArgs = c.GetProperty("set_printoptions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        };
    }

    public static double Threshold(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && e.GetString() == "inf" ? double.PositiveInfinity : e.GetDouble();

    private static double FloatValue(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static ScalarType DType(string name) => name switch
    {
        "float32" => ScalarType.Float32, "float64" => ScalarType.Float64, "float16" => ScalarType.Float16,
        "bfloat16" => ScalarType.BFloat16, "int64" => ScalarType.Int64, "int32" => ScalarType.Int32,
        "int16" => ScalarType.Int16, "int8" => ScalarType.Int8, "uint8" => ScalarType.Byte, "bool" => ScalarType.Bool,
        _ => throw new InvalidDataException($"unknown dtype name '{name}' in a golden file"),
    };
}

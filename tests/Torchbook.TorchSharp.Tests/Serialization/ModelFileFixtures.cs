using System.Globalization;
using System.Text.Json;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>The fixtures of tests/goldens/model-files (written by tests/parity/make_model_file_fixtures.py).</summary>
static class ModelFileFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "goldens", "model-files");

    public static string PathOf(string name)
    {
        string path = Path.Combine(Folder, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Fixture {name} is missing; run /usr/bin/python3 tests/parity/make_model_file_fixtures.py.", path);
        return path;
    }

    static readonly Lazy<JsonDocument> Expected = new(() => JsonDocument.Parse(File.ReadAllText(PathOf("expected.json"))));

    /// <summary>What Python found in a fixture file (see describe() in the script).</summary>
    public static JsonElement ExpectedFor(string file) => Expected.Value.RootElement.GetProperty("files").GetProperty(file);

    public static IEnumerable<(string File, string Global)> Refused() =>
        Expected.Value.RootElement.GetProperty("refused").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!));

    /// <summary>Parses Python's float.hex() output ("-0x1.8p+1", "inf", "nan") exactly.</summary>
    public static double ParseHexFloat(string text)
    {
        switch (text)
        {
            case "nan": return double.NaN;
            case "inf": return double.PositiveInfinity;
            case "-inf": return double.NegativeInfinity;
        }
        bool negative = text.StartsWith('-');
        string body = negative ? text[1..] : text;
        if (!body.StartsWith("0x", StringComparison.Ordinal)) throw new FormatException($"not a hex float: {text}");
        int p = body.IndexOf('p');
        string mantissaText = body[2..p];
        int exponent = int.Parse(body[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissaText.IndexOf('.');
        string digits = dot < 0 ? mantissaText : mantissaText.Remove(dot, 1);
        int fractionDigits = dot < 0 ? 0 : mantissaText.Length - dot - 1;
        ulong mantissa = ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        double value = Math.ScaleB(mantissa, exponent - 4 * fractionDigits);
        return negative ? -value : value;
    }
}

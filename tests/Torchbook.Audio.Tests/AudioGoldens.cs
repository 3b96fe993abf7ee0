using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>The torchaudio goldens of tests/goldens/audio (made by tests/parity/make_audio_goldens.py).</summary>
internal static class AudioGoldens
{
    public static JsonNode Load(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "audio", fileName)))!;

    /// <summary>A float32 tensor written as {"shape", "dtype", "values"}.</summary>
    public static Tensor Tensor(JsonNode t) =>
        tensor(t["values"]!.AsArray().Select(v => (float)(double)v!).ToArray(), t["shape"]!.AsArray().Select(v => (long)v!).ToArray());

    /// <summary>The row numbers of a file's "cases" array, for [MemberData].</summary>
    public static TheoryData<int> CaseNumbers(JsonNode golden) => new(Enumerable.Range(0, golden["cases"]!.AsArray().Count));

    /// <summary>An optional argument of a case's "args" (absent: null, so the C# default applies).</summary>
    public static T? Arg<T>(JsonNode c, string name) where T : struct =>
        c["args"]?[name] is { } v ? v.GetValue<T>() : null;

    /// <summary>
    /// Shapes equal, and every value within <paramref name="tolerance"/> of the largest magnitude of the expected
    /// tensor (relative to the peak: elementwise relative error means nothing where a spectrum is near zero).
    /// </summary>
    public static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var worst = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:E2} of the largest value (allowed {tolerance:E0})");
    }
}

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
}

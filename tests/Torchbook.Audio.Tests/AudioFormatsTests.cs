using System.Text.Json.Nodes;

namespace Torchbook.Audio.Tests;

/// <summary>
/// torchaudio.load on AIFF, MP3 and Ogg Vorbis files made by sox, lame and oggenc (tests/parity/make_audio_file_fixtures.py),
/// against what torchaudio 0.13 (libsox with libmad and libvorbis) decodes from the same files.
/// </summary>
public sealed class AudioFormatsTests
{
    private static readonly JsonNode Golden = AudioGoldens.Load("audio_files.json");

    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "goldens", "audio", "files", name);

    private static JsonNode Case(string file) => Golden["cases"]!.AsArray().Single(c => (string)c!["file"]! == file)!;

    [Theory]
    // AIFF is 16-bit PCM: the same samples. Vorbis decoders differ by float rounding. MP3: NLayer decodes in floating
    // point, libmad in fixed point (28 fractional bits), so the samples differ by a few units of 16-bit audio.
    [InlineData("tone.aiff", 1e-6)]
    [InlineData("tone.ogg", 1e-4)]
    public void Files_decode_to_torchaudios_samples(string file, double tolerance)
    {
        var c = Case(file);
        var (waveform, rate) = torchaudio.load(File(file));
        Assert.Equal((int)c["sample_rate"]!, rate);
        AudioGoldens.AssertClose(AudioGoldens.Tensor(c["decoded"]!), waveform, tolerance, file);
    }

    [Fact]
    public void An_mp3_decodes_to_libmads_samples_and_starts_where_it_was_encoded()
    {
        // libmad (torchaudio 0.13) returns all 5,184 decoded samples: lame's delay, the decoder's 529, the 4,000
        // encoded ones and lame's padding. torchaudio.load here drops both delays and ends 529 samples short.
        var c = Case("tone.mp3");
        var libmad = AudioGoldens.Tensor(c["decoded"]!);
        var (ours, rate) = torchaudio.load(File("tone.mp3"));
        Assert.Equal(16000, rate);
        Assert.Equal([2L, 4000 - 529], ours.shape);
        // Aligned, the two decoders agree within a few 16-bit steps (NLayer decodes in floating point, libmad in fixed point).
        var (offset, worst) = Enumerable.Range(0, (int)(libmad.shape[1] - ours.shape[1] + 1))
            .Select(k => (k, (libmad[.., TensorIndex.Slice(k, k + ours.shape[1])] - ours).abs().max().item<float>()))
            .MinBy(p => p.Item2);
        Assert.True(worst < 2e-3, $"best alignment at {offset}: largest difference {worst:E2}");
        // And it is the tone that was encoded, from its first sample (MP3 is lossy: within 5% of the peak away from
        // the clip's abrupt start and end).
        var source = AudioGoldens.Tensor(Golden["source"]!);
        AudioGoldens.AssertClose(source[.., TensorIndex.Slice(300, 3300)], ours[.., TensorIndex.Slice(300, 3300)], 0.08, "against the source");
        double Error(int shift) => (source[.., TensorIndex.Slice(300, 3300)] - ours[.., TensorIndex.Slice(300 + shift, 3300 + shift)]).abs().mean().item<float>();
        Assert.Equal(0, Enumerable.Range(-3, 7).MinBy(Error));   // aligned to the sample
    }

    [Fact]
    public void The_format_is_told_by_content_not_by_name()
    {
        var renamed = Path.Combine(Path.GetTempPath(), $"torchbook-{Guid.NewGuid():N}.wav");
        System.IO.File.Copy(File("tone.ogg"), renamed);
        try { Assert.Equal([2L, 4000], torchaudio.load(renamed).waveform.shape); }
        finally { System.IO.File.Delete(renamed); }
    }

    [Fact]
    public void Unknown_and_damaged_files_say_what_they_are_not()
    {
        var path = Path.Combine(Path.GetTempPath(), $"torchbook-{Guid.NewGuid():N}.mp3");
        try
        {
            System.IO.File.WriteAllText(path, "PK this is a zip, really");
            var e = Assert.Throws<InvalidDataException>(() => torchaudio.load(path));
            Assert.Contains("not a WAV, AIFF, MP3 or Ogg Vorbis file (it starts with bytes 504B2074)", e.Message);
            var ogg = System.IO.File.ReadAllBytes(File("tone.ogg"));
            System.IO.File.WriteAllBytes(path, ogg[..200]);   // an Ogg file cut short
            e = Assert.Throws<InvalidDataException>(() => torchaudio.load(path));
            Assert.StartsWith(path, e.Message);
        }
        finally { System.IO.File.Delete(path); }
    }
}

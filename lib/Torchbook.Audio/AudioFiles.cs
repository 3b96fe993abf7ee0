using NAudio.Wave;
using NLayer;
using NVorbis;
using Torchbook.Plots;

namespace Torchbook.Audio;

/// <summary>
/// Decodes audio files for <see cref="torchaudio.load"/>, choosing the decoder by the file's first bytes (not
/// its name): WAV with Torchbook.Plots' reader, AIFF with NAudio, MP3 with NLayer, Ogg Vorbis with NVorbis
/// (all managed code, on every OS). Samples come back as floats in [-1, 1], one array per channel.
/// </summary>
internal static class AudioFiles
{
    public const string Formats = "WAV, AIFF, MP3 or Ogg Vorbis";

    public static (float[][] Channels, int SampleRate) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"audio file not found: {path}", path);
        var head = new byte[12];
        int got;
        using (var f = File.OpenRead(path)) got = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var kind = Kind(head.AsSpan(0, got));
        if (kind == "WAV")
        {
            var audio = WavFile.Read(path);
            return (audio.Channels, audio.SampleRate);
        }
        if (kind is null)
            throw new InvalidDataException($"{path}: not a {Formats} file (it starts with bytes {Convert.ToHexString(head, 0, Math.Min(got, 4))}). Convert it to WAV, e.g. with ffmpeg or sox.");
        try
        {
            var (interleaved, channels, rate) = kind switch
            {
                "AIFF" => ReadAiff(path),
                "MP3" => ReadMp3(path),
                _ => ReadVorbis(path),
            };
            if (channels < 1 || rate < 1 || interleaved.Length < channels)
                throw new InvalidDataException($"the {kind} decoder found no samples ({channels} channel(s) at {rate} Hz).");
            int frames = interleaved.Length / channels;
            var result = new float[channels][];
            for (int c = 0; c < channels; c++)
            {
                result[c] = new float[frames];
                for (int i = 0; i < frames; i++) result[c][i] = interleaved[i * channels + c];
            }
            return (result, rate);
        }
        catch (Exception e) when (e is not InvalidDataException || !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: could not decode it as {kind} ({e.Message})", e);
        }
    }

    private static string? Kind(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WAVE"u8)) return "WAV";
        if (b.Length >= 12 && b[..4].SequenceEqual("FORM"u8) && (b[8..12].SequenceEqual("AIFF"u8) || b[8..12].SequenceEqual("AIFC"u8))) return "AIFF";
        if (b.Length >= 4 && b[..4].SequenceEqual("OggS"u8)) return "Ogg Vorbis";
        if (b.Length >= 3 && b[..3].SequenceEqual("ID3"u8)) return "MP3";
        if (b.Length >= 2 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0) return "MP3";   // an MPEG audio frame's sync word
        if (b.Length >= 4 && b[..4].SequenceEqual("RIFF"u8)) return "WAV";          // a RIFF file of another kind: the WAV reader says what it is
        return null;
    }

    private static (float[], int, int) ReadAiff(string path)
    {
        using var reader = new AiffFileReader(path);
        var samples = reader.ToSampleProvider();
        return (ReadAll((buffer, count) => samples.Read(buffer.AsSpan(0, count))), samples.WaveFormat.Channels, samples.WaveFormat.SampleRate);
    }

    /// <summary>
    /// Every MPEG Layer III decoder outputs its audio 529 samples late (the filterbank's delay). NLayer removes the
    /// encoder's delay that LAME records in the file, but not this one; dropping it here puts the first sample where
    /// it was encoded. NLayer still stops at the length LAME recorded, so the last 529 samples are missing.
    /// </summary>
    private const int Mp3DecoderDelay = 529;

    private static (float[], int, int) ReadMp3(string path)
    {
        using var mpeg = new MpegFile(path);
        var interleaved = ReadAll((buffer, count) => mpeg.ReadSamples(buffer, 0, count));
        int skip = Math.Min(Mp3DecoderDelay * mpeg.Channels, interleaved.Length - interleaved.Length % mpeg.Channels);
        return (interleaved[skip..], mpeg.Channels, mpeg.SampleRate);
    }

    private static (float[], int, int) ReadVorbis(string path)
    {
        using var vorbis = new VorbisReader(path);
        return (ReadAll((buffer, count) => vorbis.ReadSamples(buffer, 0, count)), vorbis.Channels, vorbis.SampleRate);
    }

    private static float[] ReadAll(Func<float[], int, int> read)
    {
        var all = new List<float>();
        var buffer = new float[16384];
        int n;
        while ((n = read(buffer, buffer.Length)) > 0) all.AddRange(buffer.AsSpan(0, n));
        return [.. all];
    }
}

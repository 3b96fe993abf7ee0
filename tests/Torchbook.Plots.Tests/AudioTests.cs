using System.Buffers.Binary;
using Xunit;

namespace Torchbook.Plots.Tests;

public class AudioTests
{
    private static float[] Sine(int n, double freq, int rate) =>
        Enumerable.Range(0, n).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * freq * i / rate))).ToArray();

    [Fact]
    public void Wav_round_trip_keeps_samples_within_16_bit_precision()
    {
        var left = Sine(800, 440, 8000); var right = Sine(800, 660, 8000);
        var audio = Audio.FromSamples([.. left, .. right], 8000, channels: 2);
        var path = Path.Combine(Path.GetTempPath(), $"torchbook-{Guid.NewGuid():N}.wav");
        try
        {
            audio.SaveWav(path);
            var back = Audio.Load(path);
            Assert.Equal((2, 8000, 800), (back.ChannelCount, back.SampleRate, back.Length));
            for (int i = 0; i < 800; i++)
            {
                Assert.Equal(left[i], back.Channel(0)[i], 1e-4);
                Assert.Equal(right[i], back.Channel(1)[i], 1e-4);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Samples_are_clipped_and_nan_is_silence()
    {
        var wav = Audio.FromSamples(new[] { 2f, -3f, float.NaN }, 100).ToWav();
        Assert.Equal(32767, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44)));
        Assert.Equal(-32767, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(46)));
        Assert.Equal(0, BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(48)));
    }

    private static byte[] Wav(ushort format, ushort channels, int rate, ushort bits, byte[] data, bool extensible = false)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        int fmtSize = extensible ? 40 : 16;
        w.Write("RIFF"u8); w.Write(4 + 8 + fmtSize + 8 + data.Length); w.Write("WAVE"u8);
        w.Write("LIST"u8); w.Write(3); w.Write(new byte[] { 1, 2, 3, 0 }); // odd-sized chunk with padding, to be skipped
        w.Write("fmt "u8); w.Write(fmtSize);
        w.Write(extensible ? (ushort)0xFFFE : format); w.Write(channels); w.Write(rate);
        w.Write(rate * channels * bits / 8); w.Write((ushort)(channels * bits / 8)); w.Write(bits);
        if (extensible) { w.Write((ushort)22); w.Write(bits); w.Write(3); w.Write(format); w.Write(new byte[14]); }
        w.Write("data"u8); w.Write(data.Length); w.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public void Reads_24_bit_32_bit_and_float_wav()
    {
        // 24-bit: 0x400000 = 0.5, 0xC00000 = -0.5
        var a = WavFile.Read(Wav(1, 1, 16000, 24, [0x00, 0x00, 0x40, 0x00, 0x00, 0xC0]));
        Assert.Equal([0.5f, -0.5f], a.Channel(0).ToArray());
        var b = WavFile.Read(Wav(1, 1, 16000, 32, BitConverter.GetBytes(int.MinValue / 4)));
        Assert.Equal(-0.25f, b.Channel(0)[0]);
        var f = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f, 0.125f); BinaryPrimitives.WriteSingleLittleEndian(f.AsSpan(4), -1f);
        var c = WavFile.Read(Wav(3, 2, 22050, 32, f, extensible: true));
        Assert.Equal((2, 22050), (c.ChannelCount, c.SampleRate));
        Assert.Equal(0.125f, c.Channel(0)[0]);
        Assert.Equal(-1f, c.Channel(1)[0]);
    }

    [Fact]
    public void Malformed_wav_files_are_explained()
    {
        Assert.Contains("instead of \"RIFF\"", Assert.Throws<InvalidDataException>(() => WavFile.Read("hello world, not audio"u8)).Message);
        var good = Wav(1, 1, 8000, 16, new byte[8]);
        var notWave = (byte[])good.Clone(); "AVI "u8.CopyTo(notWave.AsSpan(8));
        Assert.Contains("instead of \"WAVE\"", Assert.Throws<InvalidDataException>(() => WavFile.Read(notWave)).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => WavFile.Read(good.AsSpan(0, good.Length - 3))).Message);
        Assert.Contains("mu-law", Assert.Throws<InvalidDataException>(() => WavFile.Read(Wav(7, 1, 8000, 8, new byte[4]))).Message);
        Assert.Contains("no \"data\" chunk", Assert.Throws<InvalidDataException>(() => WavFile.Read(good.AsSpan(0, good.Length - 16))).Message);
        var path = Path.Combine(Path.GetTempPath(), $"torchbook-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, notWave);
        try { Assert.StartsWith(path, Assert.Throws<InvalidDataException>(() => WavFile.Read(path)).Message); }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => Audio.Load("/no/such/file.wav"));
    }

    [Fact]
    public void Html_player_embeds_the_wav()
    {
        var audio = Audio.FromSamples(Sine(1600, 440, 16000), 16000);
        var html = audio.ToHtml();
        Assert.StartsWith("<audio class=\"torchbook-audio\" controls=\"controls\"", html);
        var b64 = html.Split("base64,")[1].Split('"')[0];
        var back = WavFile.Read(Convert.FromBase64String(b64));
        Assert.Equal(1600, back.Length);
        Assert.Equal("Audio: 0.10 s, 16000 Hz, mono, peak 0.50", audio.ToString());
    }

    [Fact]
    public void Bad_audio_input_is_explained()
    {
        Assert.Contains("cannot be split into 2 channels", Assert.Throws<ArgumentException>(() => Audio.FromSamples(new float[3], 8000, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Audio.FromSamples(new float[3], 0));
        Assert.Contains("samples is empty", Assert.Throws<ArgumentException>(() => Audio.FromSamples(Array.Empty<float>(), 8000)).Message);
        Assert.Contains("channel 1 has 2 samples but channel 0 has 3", Assert.Throws<ArgumentException>(() => Audio.FromChannels([new float[3], new float[2]], 8000)).Message);
    }
}

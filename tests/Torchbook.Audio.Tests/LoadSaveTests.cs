namespace Torchbook.Audio.Tests;

/// <summary>torchaudio.load and torchaudio.save: WAV round trips, frame ranges, layouts, and clear errors for bad files.</summary>
public sealed class LoadSaveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-audio-io-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_saved_stereo_waveform_loads_back_within_16_bit_precision()
    {
        var t = arange(8000, dtype: ScalarType.Float32) / 8000;
        var stereo = stack([0.5 * sin(2 * Math.PI * 440 * t), 0.25 * cos(2 * Math.PI * 220 * t)]);
        var path = Path.Combine(_folder, "sub", "stereo.wav");
        torchaudio.save(path, stereo, 8000);
        var (back, rate) = torchaudio.load(path);
        Assert.Equal(8000, rate);
        Assert.Equal([2L, 8000], back.shape);
        Assert.True((back - stereo).abs().max().item<float>() < 1.0f / 32767 + 1e-6f);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));   // written under a temporary name, renamed
    }

    [Fact]
    public void Frame_offset_num_frames_and_channels_last_select_what_torchaudio_selects()
    {
        var wave = (arange(1000, dtype: ScalarType.Float32) / 1000).unsqueeze(0).expand(2, -1).contiguous();
        var path = Path.Combine(_folder, "ramp.wav");
        torchaudio.save(path, wave, 1000);
        var (part, _) = torchaudio.load(path, frame_offset: 100, num_frames: 50);
        Assert.Equal([2L, 50], part.shape);
        Assert.Equal(0.1f, part[0, 0].item<float>(), 3);
        var (rest, _) = torchaudio.load(path, frame_offset: 990, num_frames: 50);   // past the end: what is there
        Assert.Equal([2L, 10], rest.shape);
        var (last, _) = torchaudio.load(path, channels_first: false);
        Assert.Equal([1000L, 2], last.shape);
    }

    [Fact]
    public void Missing_and_damaged_files_say_what_is_wrong()
    {
        var missing = Path.Combine(_folder, "nothing.wav");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => torchaudio.load(missing)).Message);
        var text = Path.Combine(_folder, "notes.wav");
        File.WriteAllText(text, "these are not samples, just words in a file");
        var e = Assert.Throws<InvalidDataException>(() => torchaudio.load(text));
        Assert.Contains(text, e.Message);
        Assert.Contains("not a WAV, AIFF, MP3 or Ogg Vorbis file", e.Message);
        var notWave = Path.Combine(_folder, "riff.wav");
        File.WriteAllBytes(notWave, [.. "RIFF"u8, 4, 0, 0, 0, .. "AVI "u8, 0, 0, 0, 0]);
        Assert.Contains("the RIFF type is \"AVI \" instead of \"WAVE\"", Assert.Throws<InvalidDataException>(() => torchaudio.load(notWave)).Message);
        Assert.Contains("expected a waveform (channels, frames)", Assert.Throws<ArgumentException>(() => torchaudio.save(text, zeros(1, 2, 3), 8000)).Message);
        Assert.Contains("float samples", Assert.Throws<ArgumentException>(() => torchaudio.save(text, zeros(1, 10, dtype: ScalarType.Int16), 8000)).Message);
        Assert.Equal("these are not samples, just words in a file", File.ReadAllText(text));   // a refused save leaves the file alone
    }
}

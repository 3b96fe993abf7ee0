using Torchbook.Audio.Datasets;

namespace Torchbook.Audio.Tests;

/// <summary>The offline ESC-50 stand-in: ESC-50's layout and folds, the same files every time, made once.</summary>
public sealed class SynthesizedEsc50Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-esc50-standin-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void It_has_ESC50s_layout_columns_and_folds()
    {
        var root = SynthesizedEsc50.Create(Path.Combine(_folder, "ESC-50"), clipsPerClassPerFold: 2, sampleRate: 8000, seconds: 1);
        var lines = File.ReadAllLines(Path.Combine(root, "meta", "esc50.csv"));
        Assert.Equal("filename,fold,target,category,esc10,src_file,take", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(5 * 10 * 2, rows.Count);
        Assert.All(rows, r => Assert.Matches($@"^{r[1]}-\d+-A-{r[2]}\.wav$", r[0]));   // {fold}-{source}-{take}-{target}.wav
        Assert.Equal(Enumerable.Range(1, 5).Select(f => f.ToString()), rows.Select(r => r[1]).Distinct());
        Assert.Equal(SynthesizedEsc50.Categories, rows.Select(r => r[3]).Distinct());
        Assert.Equal(rows.Count, Directory.GetFiles(Path.Combine(root, "audio"), "*.wav").Length);
        var (clip, rate) = torchaudio.load(Path.Combine(root, "audio", rows[0][0]));
        Assert.Equal(8000, rate);
        Assert.Equal([1L, 8000], clip.shape);
        Assert.Contains("stand-in", File.ReadAllText(Path.Combine(root, SynthesizedEsc50.MarkerFile)));
    }

    [Fact]
    public void The_same_settings_give_the_same_files_and_a_second_call_writes_nothing()
    {
        var a = SynthesizedEsc50.Create(Path.Combine(_folder, "a"), clipsPerClassPerFold: 1, sampleRate: 8000, seconds: 0.5);
        var b = SynthesizedEsc50.Create(Path.Combine(_folder, "b"), clipsPerClassPerFold: 1, sampleRate: 8000, seconds: 0.5);
        foreach (var file in Directory.GetFiles(Path.Combine(a, "audio")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(b, "audio", Path.GetFileName(file))));
        var csv = Path.Combine(a, "meta", "esc50.csv");
        var written = File.GetLastWriteTimeUtc(csv);
        Thread.Sleep(20);
        SynthesizedEsc50.Create(a, clipsPerClassPerFold: 1, sampleRate: 8000, seconds: 0.5);
        Assert.Equal(written, File.GetLastWriteTimeUtc(csv));
        Assert.Empty(Directory.GetDirectories(_folder, ".*"));   // no temporary folder left behind
    }

    [Fact]
    public void A_clip_is_its_sound_with_a_quieter_sound_of_another_class_and_noise()
    {
        var rng = new Random(5);
        var clip = SynthesizedEsc50.Synthesize(0, rng, 16000, 16000);
        Assert.InRange(clip.Max(Math.Abs), 0.3f * (1 - 0.4f), 1f);   // the siren (gain 0.3 to 0.9) over a sound at most 0.4 as loud
        var again = SynthesizedEsc50.Synthesize(0, new Random(5), 16000, 16000);
        Assert.Equal(clip, again);                              // seeded: the same clip every time
    }

    [Fact]
    public void The_classes_sound_different_where_they_should()
    {
        // The siren's energy sits between 500 and 1600 Hz; the engine's below 1 kHz; the crickets' around 2.5-3.8 kHz.
        double Band(int target, double low, double high)
        {
            var clip = SynthesizedEsc50.Sound(target, new Random(target), 16000, 16000);
            var power = fft.rfft(tensor(clip).to(ScalarType.Float32)).abs().pow(2);
            var hz = arange(power.shape[0], dtype: ScalarType.Float32);   // 1 s at 16 kHz: bin k is k Hz
            return (power * ((hz >= low) & (hz <= high))).sum().item<float>() / power.sum().item<float>();
        }
        Assert.True(Band(0, 450, 3300) > 0.9, "siren (with its second harmonic)");
        Assert.True(Band(3, 0, 1000) > 0.8, "engine");
        Assert.True(Band(4, 2400, 3900) > 0.8, "crickets");
    }
}

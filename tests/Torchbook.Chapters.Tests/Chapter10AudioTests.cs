using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter10Run() : ChapterFixture("10-audio.ipynb");

/// <summary>
/// Chapter 10 in quick mode, on the synthesized ESC-50 stand-in (the test machines cannot download ESC-50):
/// players and spectrogram pictures present, the folds split as the data set defines them, the cache
/// filled on the first pass and read on the second, the networks' sizes, SpecAugment's bands visible in
/// the picture, and every network well above chance.
/// </summary>
public sealed partial class Chapter10AudioTests(Chapter10Run chapter) : IClassFixture<Chapter10Run>
{
    // Chance is 10% (ten classes). A classifier that guesses gets 8 of the 80 validation clips right on
    // average, with a standard deviation of 2.7; 24 right (30%) is six standard deviations above that.
    // Quick runs with seeds 0, 1 and 2 measured 88.7-92.5% (AudioNet), 65.0-86.3% (ResNet-18) and 58.8-78.7% (ResNet-18
    // with SpecAugment).
    private const double AccuracyFloor = 30.0;

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(chapter.Notebook);

    [Fact]
    public void The_stand_in_says_it_is_one()
    {
        var cell = chapter.Notebook.Cell("data");
        ChapterAssert.Matches(cell, "ESC-50 is not in the data folder \\(data-scripts/esc50.sh fetches it\\)");
        ChapterAssert.Matches(cell, "SYNTHESIZED STAND-IN .*not recordings");
        ChapterAssert.Matches(chapter.Notebook.Cell("summary"), "synthesized stand-in");
    }

    [Fact]
    public void Every_sound_has_a_player_with_its_wav_inline()
    {
        foreach (var (id, players) in new[] { ("tone", 1), ("chord", 1), ("listen", 4), ("effects", 7) })
        {
            var html = chapter.Notebook.Cell(id).Bundles.Select(b => b.GetValueOrDefault("text/html", "")).Where(h => h.Contains("<audio")).ToList();
            Assert.Equal(players, html.Count);
            foreach (var h in html)
            {
                var wav = Convert.FromBase64String(PlayerData().Match(h).Groups[1].Value);
                Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
                Assert.Equal(16000, BitConverter.ToInt32(wav, 24));   // the sample rate in the fmt chunk
            }
        }
    }

    [GeneratedRegex("src=\"data:audio/wav;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex PlayerData();

    [Fact]
    public void Waveforms_and_spectrograms_are_drawn_with_their_axes()
    {
        var nb = chapter.Notebook;
        Assert.Contains("time (s)", ChapterAssert.Svg(nb.Cell("tone")).ToString());
        var stft = ChapterAssert.Svg(nb.Cell("stft")).ToString();
        Assert.Contains("frequency (Hz)", stft);
        ChapterAssert.Matches(nb.Cell("stft"), @"waveform \[1, 16000\] -> spectrogram \[1, 513, 63\]");
        ChapterAssert.Matches(nb.Cell("logmel"), @"Chart grid: 4 charts .*Heatmap ""siren"": 64 rows x 63 columns");
        Assert.Contains("mel bin", ChapterAssert.Svg(nb.Cell("logmel")).ToString());
        ChapterAssert.Matches(nb.Cell("mel-filters"), "16 series");
    }

    [Fact]
    public void Each_effect_changes_what_it_should_and_is_drawn()
    {
        var cell = chapter.Notebook.Cell("effects");
        ChapterAssert.Matches(cell, @"original: \[1, 32000\] at 16000 Hz");
        ChapterAssert.Matches(cell, @"gain -10 dB: \[1, 32000\] at 16000 Hz");
        ChapterAssert.Matches(cell, @"speed 1.5, back to 16 kHz: \[1, 21334\] at 16000 Hz");   // 1.5 times shorter
        ChapterAssert.Matches(cell, @"tempo 0.7: \[1, 45714\] at 16000 Hz");                  // 32,000 / 0.7
        ChapterAssert.Matches(cell, @"echo 250 ms: \[1, 36000\] at 16000 Hz");                // the echo's tail: 250 ms
        ChapterAssert.Matches(cell, @"Chart grid: 7 charts");
        // The players say how loud each is: 10 dB less gain is a third of the peak.
        var peaks = Regex.Matches(cell.Text, @"peak (\d\.\d\d)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(peaks[0] * Math.Pow(10, -0.5), peaks[1], 0.011);
    }

    [Fact]
    public void The_folds_split_training_and_validation_and_batches_have_one_shape()
    {
        var cell = chapter.Notebook.Cell("folds");
        ChapterAssert.Matches(cell, @"400 clips of 2 s: 320 for training \(folds 1-4\), 80 for validation \(fold 5\)");
        ChapterAssert.Matches(cell, @"20 training batches of up to 16, 5 validation batches");
        ChapterAssert.Matches(cell, @"one batch: waveforms \[16, 1, 16000\], labels \[16\]");   // 2 s resampled to 8 kHz
        ChapterAssert.Matches(chapter.Notebook.Cell("metadata"), @"400 clips, 10 classes, folds 1, 2, 3, 4, 5");
    }

    [Fact]
    public void The_networks_have_the_sizes_their_layers_add_up_to()
    {
        // AudioNet: conv1 1*128*80+128, four BatchNorm1d (2 per channel), conv2 128*128*3+128, conv3 128*256*3+256,
        // conv4 256*512*3+512, fc 512*10+10.
        long audioNet = (1 * 128 * 80 + 128) + 2 * (128 + 128 + 256 + 512) + (128 * 128 * 3 + 128) + (128 * 256 * 3 + 256)
                        + (256 * 512 * 3 + 512) + (512 * 10 + 10);
        ChapterAssert.Matches(chapter.Notebook.Cell("audionet"), $"Total params: {audioNet.ToString("N0", CultureInfo.InvariantCulture)}");
        // ResNet-18 has 11,689,512 parameters with ImageNet's 1000-class head (torchvision's count); ten classes
        // replace 512*1000+1000 of them by 512*10+10.
        long resnet = 11_689_512 - (512 * 1000 + 1000) + (512 * 10 + 10);
        ChapterAssert.Matches(chapter.Notebook.Cell("resnet"), $"ResNet-18 for 10 classes: {resnet.ToString("N0", CultureInfo.InvariantCulture)} parameters");
    }

    [Fact]
    public void The_cache_is_filled_on_the_first_pass_and_read_on_the_second()
    {
        var cell = chapter.Notebook.Cell("cache-run");
        ChapterAssert.Matches(cell, @"first pass: +\d+\.\d\d s, 400 spectrograms computed and saved");
        ChapterAssert.Matches(cell, @"second pass: \d+\.\d\d s, 400 spectrograms read from the cache");
        ChapterAssert.Matches(cell, @"each item: \[1, 64, 63\]");
    }

    [Fact]
    public void The_lr_finder_draws_its_curve_and_its_rate_is_used()
    {
        var cell = chapter.Notebook.Cell("lr-finder");
        ChapterAssert.Matches(cell, @"Learning rate finder.*30 points", RegexOptions.Singleline);
        var used = ChapterAssert.Number(cell, @"training with ([\d.eE-]+)");
        Assert.InRange(used, 1e-4, 3e-3);
    }

    [Fact]
    public void SpecAugment_blanks_whole_rows_and_whole_columns_in_the_picture()
    {
        var plotly = chapter.Notebook.Cell("specaugment").Bundles.Select(b => b.GetValueOrDefault("application/vnd.plotly.v1+json")).Single(j => j is not null)!;
        var heatmaps = JsonDocument.Parse(plotly).RootElement.GetProperty("data").EnumerateArray()
            .Select(d => d.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray()).ToArray();
        Assert.Equal(4, heatmaps.Length);
        static int ConstantRows(double[][] z) => z.Count(r => r.Distinct().Count() == 1);
        static int ConstantColumns(double[][] z) => Enumerable.Range(0, z[0].Length).Count(j => z.Select(r => r[j]).Distinct().Count() == 1);
        Assert.Equal((0, 0), (ConstantRows(heatmaps[0]), ConstantColumns(heatmaps[0])));   // the original
        Assert.True(ConstantRows(heatmaps[1]) > 0 && ConstantColumns(heatmaps[1]) == 0, "the frequency mask blanks mel rows");
        Assert.True(ConstantColumns(heatmaps[2]) > 0 && ConstantRows(heatmaps[2]) == 0, "the time mask blanks frames");
        Assert.True(ConstantRows(heatmaps[3]) > 0 && ConstantColumns(heatmaps[3]) > 0, "both");
    }

    [Theory]
    [InlineData("audionet-train", @"AudioNet: validation accuracy ([\d.]+) %")]
    [InlineData("resnet-train", @"ResNet-18: validation accuracy ([\d.]+) %")]
    [InlineData("specaugment-train", @"ResNet-18 with SpecAugment: validation accuracy ([\d.]+) %")]
    public void Every_network_beats_chance_by_a_wide_margin(string cellId, string pattern)
    {
        var cell = chapter.Notebook.Cell(cellId);
        ChapterAssert.Matches(cell, @"\(chance 10\.0 %\)|\(without: ");
        Assert.True(ChapterAssert.Number(cell, pattern) >= AccuracyFloor, $"{cellId}: {cell.Text}");
        Assert.NotEmpty(ChapterAssert.Images(cell));   // the training curves
    }

    [Fact]
    public void Quick_mode_trains_for_a_few_epochs_only()
    {
        Assert.Equal(4, ChapterAssert.QuickValue(chapter.Notebook, "audioNetEpochs"));
        Assert.Equal(3, ChapterAssert.QuickValue(chapter.Notebook, "resnetEpochs"));
        Assert.Equal(30, ChapterAssert.QuickValue(chapter.Notebook, "lrFinderSteps"));
    }
}

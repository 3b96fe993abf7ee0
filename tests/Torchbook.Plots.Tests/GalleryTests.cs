using Xunit;

namespace Torchbook.Plots.Tests;

/// <summary>Renders the gallery to PNG through rsvg-convert (Debian package librsvg2-bin) and checks the files.</summary>
public class GalleryTests
{
    [Fact]
    public void Gallery_renders_to_png_files()
    {
        var folder = Gallery.OutputFolder;
        var charts = new Dictionary<string, Chart>
        {
            ["lr-finder"] = Gallery.LearningRateFinder(),
            ["training-curves"] = Gallery.TrainingCurves(),
            ["confusion-matrix"] = Gallery.ConfusionMatrix(),
            ["spectrogram"] = Gallery.Spectrogram(),
            ["bar"] = Gallery.ClassCounts(),
            ["histogram"] = Gallery.Histogram(),
            ["scatter"] = Gallery.ScatterClasses(),
            ["image-grid"] = Gallery.SampleGrid(),
            ["image-rgb"] = Gallery.NormalisedRgb(),
            ["spectrogram-hz"] = Plot.Spectrogram(Gallery.SpectrogramValues(), 16000, 160,
                Gallery.MelFrequencies(64, 8000), title: "Mel spectrogram (Hz)"),
        };
        foreach (var (name, chart) in charts)
        {
            var png = Path.Combine(folder, name + ".png");
            chart.SavePng(png);
            chart.SaveSvg(Path.Combine(folder, name + ".svg"));
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 1000, $"{name}.png is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 137, 80, 78, 71 }, bytes[..4]);
        }
    }
}

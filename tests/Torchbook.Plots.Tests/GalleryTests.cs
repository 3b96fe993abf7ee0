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
            ["chart-grid"] = Gallery.LossAndAccuracy(),
            ["chart-grid-mixed"] = Plot.Grid([Gallery.ConfusionMatrix(), Gallery.SampleGrid(), Gallery.Histogram(), Gallery.Spectrogram()], columns: 2),
            ["image-rgb"] = Gallery.NormalisedRgb(),
            ["graph"] = Gallery.ComputationGraph(),
            ["spectrogram-hz"] = Plot.Spectrogram(Gallery.SpectrogramValues(), 16000, 160,
                Gallery.MelFrequencies(64, 8000), title: "Mel spectrogram (Hz)"),
        };
        foreach (var (name, chart) in Gallery.EdgeCases()) charts[name] = chart;
        // One page with every chart's HTML output, the way a notebook or the HTML book shows them.
        var page = new System.Text.StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Torchbook plots</title></head><body>");
        foreach (var chart in charts.Values) page.Append(chart.ToHtml()).Append('\n');
        page.Append(Image.FromPixels(new float[28 * 28].Select((_, i) => (i % 28 + i / 28) / 54f).ToArray(), [28, 28]).ToHtml());
        page.Append(Audio.FromSamples(Enumerable.Range(0, 8000).Select(i => (float)(0.3 * Math.Sin(i * 0.1))).ToArray(), 16000).ToHtml());
        page.Append("</body></html>");
        File.WriteAllText(Path.Combine(folder, "index.html"), page.ToString());
        foreach (var (name, chart) in charts)
        {
            var png = Path.Combine(folder, name + ".png");
            chart.SavePng(png);
            chart.SaveSvg(Path.Combine(folder, name + ".svg"));
            File.WriteAllText(Path.Combine(folder, name + ".plotly.json"), chart.ToPlotlyJson());
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 1000, $"{name}.png is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 137, 80, 78, 71 }, bytes[..4]);
        }
    }
}

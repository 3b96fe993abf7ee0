using Xunit;

namespace Torchbook.Plots.Tests;

public class HeatmapTests
{
    [Fact]
    public void Heatmap_draws_a_cell_per_value_and_a_colour_bar()
    {
        var values = new double[3, 4];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) values[r, c] = r * 4 + c;
        var svg = Svg.Parse(Plot.Heatmap(values, colorBarTitle: "value"));
        Assert.Equal(12, svg.WithClass("cell").Count());
        var bar = svg.Single("colorbar");
        Assert.Single(bar.WithClass("colorbar-image"));
        Assert.Equal("value", bar.Single("colorbar-title").Value);
        Assert.Contains("0", bar.Elements(Svg.Ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void Row_and_column_indices_are_labelled_as_whole_numbers()
    {
        // A 3-row heatmap used to label its rows "0.0", "1.0", "2.0" (the 0.5 step of the nice ticks).
        var svg = Svg.Parse(Plot.Heatmap(new double[3, 1], width: 200, height: 300));
        Assert.Equal(["0", "1", "2"], svg.TickLabels("y-axis"));
        Assert.Equal(["0"], svg.TickLabels("x-axis"));
    }

    [Fact]
    public void Origin_top_puts_row_zero_first_and_bottom_puts_it_last()
    {
        var values = new double[,] { { 0 }, { 1 } };
        double Y(XElementList cells, int i) => cells[i].Num("y");
        var top = new XElementList(Svg.Parse(Plot.Heatmap(values)).WithClass("cell"));
        var bottom = new XElementList(Svg.Parse(Plot.Heatmap(values, originBottom: true)).WithClass("cell"));
        Assert.True(Y(top, 0) < Y(top, 1));
        Assert.True(Y(bottom, 0) > Y(bottom, 1));
    }

    [Fact]
    public void Confusion_matrix_has_class_names_counts_and_readable_text()
    {
        var cm = Gallery.ConfusionMatrix();
        var svg = Svg.Parse(cm);
        Assert.Equal(100, svg.WithClass("cell").Count());
        Assert.Equal(Gallery.FashionClasses, svg.TickLabels("x-axis"));
        Assert.Equal(Gallery.FashionClasses, svg.TickLabels("y-axis"));
        var labels = svg.WithClass("cell-label").ToList();
        Assert.Equal(100, labels.Count);
        Assert.Equal(cm[0, 0].ToString(), labels[0].Value);
        // Diagonal cells are the darkest: white text. Empty cells are pale: dark text.
        Assert.Equal("#ffffff", (string)labels[0].Attribute("fill")!);
        int zero = Enumerable.Range(0, 100).First(i => cm[i / 10, i % 10] == 0);
        Assert.Equal("#111111", (string)labels[zero].Attribute("fill")!);
        Assert.Equal("predicted", svg.Single("x-title").Value);
        Assert.Equal("true", svg.Single("y-title").Value);
    }

    [Fact]
    public void Confusion_matrix_from_predictions_and_normalised()
    {
        var cm = Plot.ConfusionMatrix(actual: [0, 0, 1, 1, 1], predicted: [0, 1, 1, 1, 0], classNames: ["no", "yes"], normalize: true);
        Assert.Equal(0.5, cm[0, 0]);
        Assert.Equal(2.0 / 3, cm[1, 1], 12);
        Assert.Contains("0.67", Svg.Parse(cm).WithClass("cell-label").Select(t => t.Value));
        var e = Assert.Throws<ArgumentException>(() => Plot.ConfusionMatrix(new int[2, 3]));
        Assert.Contains("must be square", e.Message);
    }

    [Fact]
    public void Spectrogram_uses_seconds_on_x_and_an_embedded_image_when_large()
    {
        var svg = Svg.Parse(Gallery.Spectrogram());
        Assert.Empty(svg.WithClass("cell"));
        Assert.Single(svg.WithClass("cells-image"));
        Assert.Equal(["0", "0.5", "1.0", "1.5"], svg.TickLabels("x-axis").Select(l => l == "0.0" ? "0" : l));
        Assert.Equal("time (s)", svg.Single("x-title").Value);
        Assert.Equal("mel bin", svg.Single("y-title").Value);
    }

    [Fact]
    public void Spectrogram_with_hz_axis_labels_frequencies()
    {
        var v = new double[40, 10];
        var hz = Enumerable.Range(0, 40).Select(i => i * 200.0).ToArray();
        var svg = Svg.Parse(Plot.Spectrogram(v, 16000, 512, hz));
        Assert.Equal("frequency (Hz)", svg.Single("y-title").Value);
        Assert.Contains("4000", svg.TickLabels("y-axis"));
    }

    [Fact]
    public void Spectrogram_from_a_flat_float_array()
    {
        var flat = new float[8 * 5];
        flat[1 * 5 + 4] = 3; // bin 1, frame 4
        var h = Plot.Spectrogram(flat, bins: 8, frames: 5, sampleRate: 100, hopLength: 10);
        Assert.Equal((8, 5), (h.Rows, h.Columns));
        Assert.Equal(3, h[1, 4]);
        Assert.Contains("need 40 values", Assert.Throws<ArgumentException>(() => Plot.Spectrogram(new float[39], 8, 5, 100, 10)).Message);
    }

    [Fact]
    public void Label_lengths_are_checked()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Heatmap(new double[2, 2], xLabels: ["a"]));
        Assert.Contains("XLabels has 1 entries but the values have 2 columns", e.Message);
        Assert.Throws<ArgumentException>(() => Plot.Heatmap(new double[0, 3]));
        Assert.Contains("need 6 values", Assert.Throws<ArgumentException>(() => Plot.Heatmap(new float[5], 2, 3)).Message);
    }

    [Fact]
    public void Confusion_matrix_accepts_long_indices_and_rejects_negative_ones()
    {
        long[] actual = [0, 1, 2, 2], predicted = [0, 2, 2, 2];
        var cm = Plot.ConfusionMatrix(actual, predicted);
        Assert.Equal((3, 3), (cm.Rows, cm.Columns));
        Assert.Equal(2, cm[2, 2]);
        var e = Assert.Throws<ArgumentException>(() => Plot.ConfusionMatrix(new long[] { 0, -1 }, new long[] { 0, 0 }));
        Assert.Contains("actual[1] is -1", e.Message);
    }

    [Fact]
    public void Mel_spaced_frequencies_get_evenly_spread_round_ticks()
    {
        var chart = Plot.Spectrogram(new double[64, 50], 16000, 160, Gallery.MelFrequencies(64, 8000));
        var labels = Svg.Parse(chart).TickLabels("y-axis");
        Assert.Contains("1000", labels);
        Assert.Contains("5000", labels);
        Assert.All(labels, l => Assert.Matches("^[125]0*$", l));
    }

    [Fact]
    public void Changing_a_heatmap_raises_changed()
    {
        var h = Plot.Heatmap(new double[2, 2]);
        int n = 0;
        h.Changed += (_, _) => n++;
        h.Annotate = true;
        h.ColorMap = ColorMap.Magma;
        Assert.Equal(2, n);
    }

    private sealed class XElementList(IEnumerable<System.Xml.Linq.XElement> items) : List<System.Xml.Linq.XElement>(items);
}

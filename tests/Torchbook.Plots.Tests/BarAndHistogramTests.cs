using Xunit;

namespace Torchbook.Plots.Tests;

public class BarAndHistogramTests
{
    [Fact]
    public void Bar_chart_has_a_bar_and_label_per_category()
    {
        var svg = Svg.Parse(Plot.Bar(["cat", "dog", "bird"], new[] { 3, 5, 2 }, title: "Pets"));
        Assert.Equal(3, svg.WithClass("bar").Count());
        Assert.Equal(["cat", "dog", "bird"], svg.TickLabels("x-axis"));
        Assert.Equal(["3", "5", "2"], svg.WithClass("value-label").Select(t => t.Value));
    }

    [Fact]
    public void Long_category_names_are_rotated()
    {
        var svg = Svg.Parse(Gallery.ClassCounts());
        Assert.All(svg.Single("x-axis").Elements(Svg.Ns + "text"), t => Assert.Contains("rotate(-45", (string)t.Attribute("transform")!));
    }

    [Fact]
    public void Grouped_bars_have_a_legend_and_a_group_per_series()
    {
        var chart = Plot.Bars(["a", "b"], [("2024", new[] { 1.0, 2 }), ("2025", new[] { 2.0, 3 })]);
        var svg = Svg.Parse(chart);
        Assert.Equal(2, svg.WithClass("series").Count());
        Assert.Equal(["2024", "2025"], svg.WithClass("legend-label").Select(t => t.Value));
    }

    [Fact]
    public void Bar_errors_name_the_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Bar(["a", "b"], new[] { 1, 2, 3 }));
        Assert.Contains("2 categories need 2 values; received 3", e.Message);
    }

    [Fact]
    public void Histogram_bins_like_numpy()
    {
        // numpy.histogram([1, 2, 2, 3, 3, 3, 4], bins=3) -> counts [1, 2, 4], edges [1, 2, 3, 4]
        var chart = Plot.Histogram(new[] { 1, 2, 2, 3, 3, 3, 4 }, bins: 3);
        var h = (HistogramSeries)chart.Series[0];
        Assert.Equal([1.0, 2.0, 3.0, 4.0], h.Edges);
        Assert.Equal([1.0, 2.0, 4.0], h.Heights);
        Assert.Equal(3, Svg.Parse(chart).WithClass("bar").Count());
    }

    [Fact]
    public void Histogram_default_is_ten_bins_and_skips_nan()
    {
        var values = Enumerable.Range(0, 100).Select(i => (double)i).Append(double.NaN).Append(double.PositiveInfinity);
        var h = (HistogramSeries)Plot.Histogram(values).Series[0];
        Assert.Equal(10, h.Count);
        Assert.Equal(100, h.Heights.Sum());
    }

    [Fact]
    public void Histogram_of_one_repeated_value_uses_a_unit_range()
    {
        var h = (HistogramSeries)Plot.Histogram(new[] { 5, 5, 5 }, bins: 2).Series[0];
        Assert.Equal([4.5, 5.0, 5.5], h.Edges);
        Assert.Equal([0.0, 3.0], h.Heights);
    }

    [Fact]
    public void Histogram_density_integrates_to_one()
    {
        var h = (HistogramSeries)Plot.Histogram(new[] { 0.1, 0.2, 0.7, 0.9 }, bins: 4, range: (0, 1), density: true).Series[0];
        var area = Enumerable.Range(0, h.Count).Sum(i => h.Heights[i] * (h.Edges[i + 1] - h.Edges[i]));
        Assert.Equal(1.0, area, 12);
    }

    [Fact]
    public void Histogram_with_explicit_edges_and_errors()
    {
        var h = (HistogramSeries)Plot.Histogram(new[] { 0.5, 1.5, 1.5, 9 }, new double[] { 0, 1, 2 }).Series[0];
        Assert.Equal([1.0, 2.0], h.Heights);
        Assert.Contains("must increase", Assert.Throws<ArgumentException>(() => Plot.Histogram(new[] { 1 }, new double[] { 0, 2, 1 })).Message);
        Assert.Contains("none of the 2 values is a finite number", Assert.Throws<ArgumentException>(() => Plot.Histogram(new[] { double.NaN, double.NaN })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Histogram(new[] { 1, 2 }, bins: 0));
    }
}

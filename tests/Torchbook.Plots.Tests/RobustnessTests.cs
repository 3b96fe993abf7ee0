using System.Xml.Linq;
using Xunit;

namespace Torchbook.Plots.Tests;

/// <summary>Random awkward data (NaN, infinities, huge and tiny magnitudes, negatives on log axes) must always render.</summary>
public class RobustnessTests
{
    private static double Awkward(Random rng) => rng.Next(12) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => 0,
        4 => -rng.NextDouble() * 1e3,
        5 => rng.NextDouble() * 1e-12,
        6 => rng.NextDouble() * 1e12,
        7 => 1e300,
        _ => rng.NextDouble() * 10 - 2,
    };

    private static void AssertClean(Chart chart)
    {
        var text = chart.ToSvg();
        XDocument.Parse(text);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        System.Text.Json.Nodes.JsonNode.Parse(chart.ToPlotlyJson());
        Assert.False(string.IsNullOrEmpty(chart.ToString()));
    }

    [Fact]
    public void Random_xy_data_always_renders_valid_svg()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 150; trial++)
        {
            int n = rng.Next(1, 40);
            var x = Enumerable.Range(0, n).Select(_ => Awkward(rng)).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => Awkward(rng)).ToArray();
            var chart = (trial % 3) switch
            {
                0 => Plot.Line(x, y, logX: rng.Next(2) == 0, logY: rng.Next(2) == 0),
                1 => Plot.Scatter(x, y, logY: rng.Next(2) == 0),
                _ => Plot.Line(y, logY: rng.Next(2) == 0),
            };
            AssertClean(chart);
        }
    }

    [Fact]
    public void Random_histograms_bars_and_heatmaps_render_or_explain()
    {
        var rng = new Random(12);
        for (int trial = 0; trial < 60; trial++)
        {
            var v = Enumerable.Range(0, rng.Next(1, 30)).Select(_ => Awkward(rng)).ToArray();
            try { AssertClean(Plot.Histogram(v, bins: rng.Next(1, 20))); }
            catch (ArgumentException e) { Assert.Contains("finite", e.Message); } // all NaN/infinite, or a span too wide to bin
            AssertClean(Plot.Bar(v.Select((_, i) => $"c{i}"), v));
            int r = rng.Next(1, 8), c = rng.Next(1, 8);
            var m = new double[r, c];
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i, j] = Awkward(rng);
            AssertClean(Plot.Heatmap(m, annotate: rng.Next(2) == 0, originBottom: rng.Next(2) == 0));
        }
    }
}

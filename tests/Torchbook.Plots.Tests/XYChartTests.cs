using System.Xml.Linq;
using Xunit;

namespace Torchbook.Plots.Tests;

public class XYChartTests
{
    [Fact]
    public void Line_chart_has_axes_titles_ticks_and_one_path()
    {
        var chart = Plot.Line(new[] { 0.0, 1, 4, 9, 16 }, title: "Squares", xTitle: "n", yTitle: "n²");
        var svg = Svg.Parse(chart);
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("Squares", svg.Single("chart-title").Value);
        Assert.Equal("n", svg.Single("x-title").Value);
        Assert.Equal("n²", svg.Single("y-title").Value);
        Assert.Single(svg.WithClass("line"));
        Assert.Equal(["0", "1", "2", "3", "4"], svg.TickLabels("x-axis"));
        Assert.Equal(["0", "5", "10", "15"], svg.TickLabels("y-axis"));
        Assert.Empty(svg.WithClass("legend"));
    }

    [Fact]
    public void Lines_have_a_legend_entry_per_series_with_palette_colours()
    {
        var chart = Plot.Lines([("train", new[] { 1.0, 0.5, 0.3 }), ("valid", new[] { 1.1, 0.7, 0.6 })], xTitle: "epoch");
        var svg = Svg.Parse(chart);
        var lines = svg.WithClass("line").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(["train", "valid"], lines.Select(l => (string)l.Attribute("data-name")!));
        Assert.Equal(["train", "valid"], svg.WithClass("legend-label").Select(t => t.Value));
        var strokes = lines.Select(l => (string)l.Element(Svg.Ns + "path")!.Attribute("stroke")!).ToList();
        Assert.Equal([Palette.Color(0), Palette.Color(1)], strokes);
    }

    [Fact]
    public void Lines_share_integer_x_values_and_check_lengths()
    {
        var chart = Plot.Lines(Enumerable.Range(1, 3), [("a", new[] { 1f, 2f, 3f }), ("b", new[] { 3f, 2f, 1f })]);
        Assert.Equal([1.0, 2.0, 3.0], ((LineSeries)chart["b"]).X);
        var e = Assert.Throws<ArgumentException>(() => Plot.Lines(new[] { 1, 2 }, [("a", new[] { 1.0, 2, 3 })]));
        Assert.Contains("x has 2 values but \"a\" has 3", e.Message);
    }

    [Fact]
    public void Scatter_takes_long_class_labels()
    {
        var chart = Plot.Scatter(new[] { 1.0, 2, 3 }, new[] { 1.0, 2, 3 }, classes: new long[] { 1, 0, 1 });
        Assert.Equal(["class 0", "class 1"], chart.Series.Select(s => s.Name));
    }

    [Fact]
    public void Series_can_be_added_to_an_existing_chart()
    {
        var chart = Plot.Line(new[] { 1.0, 0.5, 0.25 }, name: "train");
        chart.AddLine(new[] { 1.2f, 0.8f, 0.7f }, "valid", style: LineStyle.Dashed);
        chart.AddScatter(new[] { 2 }, new[] { 0.7 }, "best");
        chart.AddMarker(1, 0.5, "here");
        var svg = Svg.Parse(chart);
        Assert.Equal(["train", "valid", "best"], svg.WithClass("legend-label").Select(t => t.Value));
        Assert.Equal("7 4", (string)svg.WithClass("line").ElementAt(1).Element(Svg.Ns + "path")!.Attribute("stroke-dasharray")!);
        Assert.Equal("Chart: 3 series (train: 3 points, valid: 3 points, best: 1 point), 1 marker", chart.ToString());
    }

    [Fact]
    public void Float_and_int_inputs_are_accepted()
    {
        var chart = Plot.Line(Enumerable.Range(1, 5), new[] { 1f, 2f, 3f, 4f, 5f });
        Assert.Equal(5, chart.Series[0].Count);
        Assert.Equal(5.0, ((LineSeries)chart.Series[0]).Y[4]);
    }

    [Fact]
    public void Log_x_axis_labels_decades_with_minor_ticks_between()
    {
        var lrs = Enumerable.Range(0, 61).Select(i => Math.Pow(10, -6 + i / 10.0)).ToArray();
        var chart = Plot.Line(lrs, lrs.Select(x => Math.Log(x)), logX: true);
        var svg = Svg.Parse(chart);
        var labels = svg.TickLabels("x-axis");
        Assert.Contains("10⁻⁵", labels);
        Assert.Contains("10⁻³", labels);
        Assert.All(labels, l => Assert.StartsWith("10", l));
        var ticks = svg.Single("x-axis").Elements(Svg.Ns + "line").Count();
        Assert.True(ticks > labels.Count * 4, $"expected minor ticks between decades; {ticks} ticks for {labels.Count} labels");
    }

    [Fact]
    public void Log_ticks_over_a_narrow_range_label_2_and_5()
    {
        var labels = Torchbook.Plots.Rendering.Ticks.Log(0.01, 0.6, 6).Where(t => t.Label != "").Select(t => t.Label).ToList();
        Assert.Equal(["0.01", "0.02", "0.05", "0.1", "0.2", "0.5"], labels);
    }

    [Fact]
    public void Log_axis_skips_non_positive_values()
    {
        var chart = Plot.Line(new[] { 1.0, 10, 100 }, new[] { 1.0, 0, 5 }, logY: true);
        var path = Svg.Parse(chart).Single("line").Element(Svg.Ns + "path")!;
        Assert.Equal(2, ((string)path.Attribute("d")!).Count(c => c == 'M')); // two pieces, no crash
    }

    [Fact]
    public void Learning_rate_finder_has_a_labelled_marker()
    {
        var svg = Svg.Parse(Gallery.LearningRateFinder());
        var marker = svg.Single("marker");
        Assert.Equal("suggested: 3e-4", marker.Single("marker-label").Value);
        var dot = marker.Single("marker-dot");
        var plot = svg.Single("frame");
        Assert.InRange(dot.Num("cx"), plot.Num("x"), plot.Num("x") + plot.Num("width"));
        Assert.InRange(dot.Num("cy"), plot.Num("y"), plot.Num("y") + plot.Num("height"));
    }

    [Fact]
    public void NaN_and_infinity_break_the_line_into_segments()
    {
        var chart = Plot.Line(new[] { 1.0, 2, double.NaN, 3, 4, double.PositiveInfinity, 5, 6 });
        var d = (string)Svg.Parse(chart).Single("line").Element(Svg.Ns + "path")!.Attribute("d")!;
        Assert.Equal(3, d.Count(c => c == 'M'));
        Assert.DoesNotContain("NaN", d);
    }

    [Fact]
    public void A_lone_finite_point_between_gaps_gets_a_dot()
    {
        var chart = Plot.Line(new[] { double.NaN, 2, double.NaN });
        Assert.Single(Svg.Parse(chart).Single("line").WithClass("point"));
    }

    [Fact]
    public void Empty_and_mismatched_data_give_clear_messages()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Plot.Line(Array.Empty<double>()));
        Assert.Contains("y is empty", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Plot.Line(new[] { 1, 2, 3 }, new[] { 1.0, 2 }));
        Assert.Contains("x has 3 values but y has 2", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Plot.Lines(Array.Empty<(string, IEnumerable<double>)>()));
        Assert.Contains("no series", e3.Message);
        Assert.Throws<KeyNotFoundException>(() => Plot.Line(new[] { 1.0 }, name: "a")["b"]);
    }

    [Fact]
    public void Constant_and_all_nan_data_still_render()
    {
        Assert.NotEmpty(Svg.Parse(Plot.Line(new[] { 3.0, 3, 3 })).TickLabels("y-axis"));
        var svg = Svg.Parse(Plot.Line(new[] { double.NaN, double.NaN }));
        Assert.Equal("no data yet", svg.Single("empty-note").Value);
    }

    [Fact]
    public void Live_chart_grows_and_raises_changed()
    {
        var chart = new XYChart("Live", "step", "loss");
        int changes = 0;
        chart.Changed += (_, _) => changes++;
        Assert.Contains("no data yet", chart.ToSvg());
        for (int step = 0; step < 5; step++)
        {
            chart.Append("train", step, 1.0 / (step + 1));
            if (step % 2 == 0) chart.Append("valid", step, 1.2 / (step + 1));
        }
        Assert.Equal(8, changes);
        Assert.Equal(5, chart["train"].Count);
        Assert.Equal(3, chart["valid"].Count);
        var svg = Svg.Parse(chart);
        Assert.Equal(2, svg.WithClass("line").Count());
        Assert.Equal(2, svg.WithClass("legend-entry").Count());
        Assert.Equal("Line chart \"Live\": 2 series (train: 5 points, valid: 3 points)", chart.ToString());
    }

    [Fact]
    public void Scatter_with_classes_gives_one_series_per_class()
    {
        var svg = Svg.Parse(Gallery.ScatterClasses());
        var series = svg.WithClass("scatter").ToList();
        Assert.Equal(3, series.Count);
        Assert.All(series, s => Assert.Equal(60, s.Elements(Svg.Ns + "circle").Count()));
        Assert.Equal(["setosa", "versicolor", "virginica"], svg.WithClass("legend-label").Select(t => t.Value));
        var e = Assert.Throws<ArgumentException>(() => Plot.Scatter(new[] { 1, 2 }, new[] { 1, 2 }, classes: [0, 3], classNames: ["a", "b"]));
        Assert.Contains("class index 3 appears but only 2 class names", e.Message);
    }

    [Fact]
    public void Fixed_axis_limits_are_respected()
    {
        var chart = Plot.Line(new[] { 0.0, 10 });
        chart.YAxis.SetLimits(0, 100);
        var labels = Svg.Parse(chart).TickLabels("y-axis");
        Assert.Equal("0", labels[0]);
        Assert.Equal("100", labels[^1]);
        Assert.Throws<ArgumentException>(() => chart.YAxis.SetLimits(5, 1));
    }

    [Fact]
    public void Text_is_escaped_and_the_svg_stays_well_formed()
    {
        var chart = Plot.Line(new[] { 1.0, 2 }, name: "a<b & \"c\"", title: "<script>alert(1)</script>");
        chart.ShowLegend = true;
        var text = chart.ToSvg();
        Assert.DoesNotContain("<script>", text);
        Assert.Equal("<script>alert(1)</script>", XDocument.Parse(text).Root!.Single("chart-title").Value);
    }

    [Fact]
    public void Long_lines_are_thinned_per_pixel_column_keeping_extremes()
    {
        var rng = new Random(7);
        var y = Enumerable.Range(0, 20000).Select(i => Math.Exp(-i / 5000.0) + rng.NextDouble() * 0.1).ToArray();
        y[12345] = 5; // a spike must survive
        var chart = Plot.Line(y);
        var d = (string)Svg.Parse(chart).Single("line").Element(Svg.Ns + "path")!.Attribute("d")!;
        int points = d.Count(c => c == 'L') + 1;
        Assert.InRange(points, 500, 4 * 640);
        var top = Svg.Parse(chart).Single("frame").Num("y");
        var ys = d.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(ys.Min(), top, top + 30); // the spike is still drawn near the top
    }

    [Fact]
    public void Live_chart_from_the_facade_shows_its_legend_for_one_series()
    {
        var chart = Plot.Live("Loss", "epoch", "loss");
        chart.Append("train", 1, 0.9);
        Assert.Single(Svg.Parse(chart).WithClass("legend-entry"));
    }

    [Fact]
    public async Task A_chart_can_be_rendered_while_another_thread_appends()
    {
        var chart = Plot.Live("Loss", "step", "loss");
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < 4000; i++) chart.Append(i % 2 == 0 ? "train" : "valid", i, 1.0 / (i + 1));
        });
        while (!writer.IsCompleted) Assert.StartsWith("<svg", chart.ToSvg());
        await writer;
        Assert.Equal(2000, chart["train"].Count);
    }
}

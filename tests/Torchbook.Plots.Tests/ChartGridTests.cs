using System.Text.Json.Nodes;
using Xunit;

namespace Torchbook.Plots.Tests;

public class ChartGridTests
{
    [Fact]
    public void Grid_nests_each_chart_at_its_cell()
    {
        var grid = Gallery.LossAndAccuracy();
        Assert.Equal((1, 2), (grid.Rows, grid.Columns));
        Assert.Equal(460 * 2 + 8, grid.Width);
        var svg = Svg.Parse(grid);
        var nested = svg.Elements(Svg.Ns + "svg").ToList();
        Assert.Equal(2, nested.Count);
        Assert.Equal(0, nested[0].Num("x"));
        Assert.Equal(468, nested[1].Num("x"));
        Assert.All(nested, n => Assert.Null(n.Attribute("style")));
        Assert.Equal(["Loss per epoch", "Accuracy"], nested.Select(n => n.Single("chart-title").Value));
        Assert.Equal("Training", svg.Elements(Svg.Ns + "text").Single(t => t.HasClass("chart-title")).Value);
    }

    [Fact]
    public void Grid_plotly_figure_gives_each_chart_its_own_axes()
    {
        var grid = Plot.Grid([Gallery.TrainingCurves(), Gallery.ConfusionMatrix(), Gallery.SampleGrid()], columns: 2);
        var fig = JsonNode.Parse(grid.ToPlotlyJson())!;
        var traces = fig["data"]!.AsArray();
        Assert.Equal(2 + 1 + 9, traces.Count);
        Assert.Equal(["x", "x", "x2", "x3", "x11"], traces.Select(t => (string)t!["xaxis"]!).Where((_, i) => i is 0 or 1 or 2 or 3 or 11));
        var layout = fig["layout"]!.AsObject();
        Assert.Equal(11, layout.Count(p => p.Key.StartsWith("xaxis")));
        Assert.Equal("reversed", (string)layout["yaxis2"]!["autorange"]!);
        var d1 = layout["xaxis"]!["domain"]!.AsArray(); var d2 = layout["xaxis2"]!["domain"]!.AsArray();
        Assert.True((double)d1[1]! < (double)d2[0]!, "the second chart's axes sit to the right of the first's");
    }

    [Fact]
    public void Changing_a_chart_in_the_grid_changes_the_grid()
    {
        var line = Plot.Live("a");
        var grid = Plot.Grid([line, Plot.Bar(["x"], new[] { 1 })]);
        int n = 0;
        grid.Changed += (_, _) => n++;
        line.Append("train", 1, 1);
        Assert.True(n > 0);
        Assert.Contains("train", grid.ToSvg());
    }

    [Fact]
    public void Grid_input_errors_are_explained()
    {
        Assert.Throws<ArgumentException>(() => Plot.Grid([]));
        var g = Plot.Grid([Plot.Line(new[] { 1 })]);
        Assert.Contains("cannot contain another grid", Assert.Throws<ArgumentException>(() => Plot.Grid([g])).Message);
    }
}

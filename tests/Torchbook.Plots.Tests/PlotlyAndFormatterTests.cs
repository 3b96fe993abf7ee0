using System.Reflection;
using System.Text.Json.Nodes;
using Torchbook.Formatting;
using Xunit;

namespace Torchbook.Plots.Tests;

public class PlotlyAndFormatterTests
{
    private static JsonObject Json(Chart c) => JsonNode.Parse(c.ToPlotlyJson())!.AsObject();

    [Fact]
    public void Lines_become_scatter_traces_with_null_gaps_and_log_axes()
    {
        var chart = Plot.Lines([("train", new[] { 1.0, double.NaN, 0.5 }), ("valid", new[] { 1.2, 1.0, 0.9 })], logY: true, title: "Loss");
        chart.AddMarker(2, 0.5, "best");
        var fig = Json(chart);
        var data = fig["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.Equal("scatter", (string)data[0]!["type"]!);
        Assert.Equal("lines", (string)data[0]!["mode"]!);
        Assert.Equal("train", (string)data[0]!["name"]!);
        Assert.Null(data[0]!["y"]![1]);
        Assert.Equal("markers+text", (string)data[2]!["mode"]!);
        Assert.Equal("best", (string)data[2]!["text"]![0]!);
        Assert.Equal("log", (string)fig["layout"]!["yaxis"]!["type"]!);
        Assert.Equal("Loss", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void Heatmap_bar_histogram_and_images_have_matching_traces()
    {
        var hm = Json(Gallery.ConfusionMatrix());
        var t = hm["data"]![0]!;
        Assert.Equal("heatmap", (string)t["type"]!);
        Assert.Equal(10, t["z"]!.AsArray().Count);
        Assert.Equal("%{text}", (string)t["texttemplate"]!);
        Assert.Equal("reversed", (string)hm["layout"]!["yaxis"]!["autorange"]!);
        Assert.Equal("Trouser", (string)t["x"]![1]!);

        var bar = Json(Plot.Bar(["a", "b"], new[] { 1, 2 }));
        Assert.Equal("bar", (string)bar["data"]![0]!["type"]!);
        Assert.Equal("category", (string)bar["layout"]!["xaxis"]!["type"]!);

        var hist = Json(Plot.Histogram(new[] { 1, 2, 3 }, bins: 2));
        Assert.Equal([1.5, 2.5], hist["data"]![0]!["x"]!.AsArray().Select(v => (double)v!));

        var grid = Json(Plot.ImageGrid(Enumerable.Range(0, 4).Select(_ => Image.FromPixels(new byte[4], [2, 2])), ["a", "b", "c", "d"]));
        var traces = grid["data"]!.AsArray();
        Assert.Equal(4, traces.Count);
        Assert.All(traces, tr => Assert.StartsWith("data:image/png;base64,", (string)tr!["source"]!));
        Assert.Equal("x4", (string)traces[3]!["xaxis"]!);
        Assert.NotNull(grid["layout"]!["xaxis4"]);
        Assert.Equal(4, grid["layout"]!["annotations"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(typeof(XYChart))]
    [InlineData(typeof(BarChart))]
    [InlineData(typeof(Heatmap))]
    [InlineData(typeof(ImageChart))]
    [InlineData(typeof(Image))]
    [InlineData(typeof(Audio))]
    public void Displayable_types_carry_the_formatter_attribute(Type type)
    {
        var attr = type.GetCustomAttributes(inherit: true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var source = Activator.CreateInstance(((TypeFormatterSourceAttribute)attr).FormatterSourceType)!;
        var formatters = ((IEnumerable<object>)source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).ToList();
        var mimes = formatters.Select(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!).ToList();
        Assert.Contains(MimeTypes.Html, mimes);
        Assert.Contains(MimeTypes.PlainText, mimes);
        if (typeof(Chart).IsAssignableFrom(type)) Assert.Contains(MimeTypes.Plotly, mimes);
    }

    [Fact]
    public void Chart_formatters_write_html_plotly_and_text()
    {
        var chart = Gallery.TrainingCurves();
        var source = new ChartFormatterSource();
        var outputs = new Dictionary<string, string>();
        foreach (dynamic f in source.CreateTypeFormatters())
        {
            var w = new StringWriter();
            Assert.True((bool)f.Format(chart, w));
            outputs[(string)f.MimeType] = w.ToString();
        }
        Assert.StartsWith("<div class=\"torchbook-chart\"", outputs[MimeTypes.Html]);
        Assert.Contains("<svg", outputs[MimeTypes.Html]);
        Assert.DoesNotContain("<script", outputs[MimeTypes.Html]);
        Assert.DoesNotContain("http://", outputs[MimeTypes.Html].Replace("http://www.w3.org/2000/svg", ""));
        Assert.NotNull(JsonNode.Parse(outputs[MimeTypes.Plotly])!["layout"]);
        Assert.Equal("Line chart \"Loss per epoch\": 2 series (train: 20 points, valid: 20 points)", outputs[MimeTypes.PlainText]);
    }

    [Fact]
    public void Rendering_is_deterministic_and_clip_ids_are_filled_in()
    {
        var a = Gallery.TrainingCurves().ToSvg();
        Assert.Equal(a, Gallery.TrainingCurves().ToSvg());
        Assert.DoesNotContain("{{", a);
        Assert.Matches("clipPath id=\"tb[0-9a-f]{10}-clip\"", a);
    }
}

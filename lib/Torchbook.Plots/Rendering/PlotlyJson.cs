using System.Text.Json.Nodes;

namespace Torchbook.Plots.Rendering;

/// <summary>Pieces of plotly figure JSON shared by the charts.</summary>
internal static class PlotlyJson
{
    /// <summary>A JSON array of numbers; NaN and infinities become null, which plotly draws as gaps.</summary>
    public static JsonArray Numbers(IEnumerable<double> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(double.IsFinite(v) ? JsonValue.Create(v) : null);
        return a;
    }

    public static JsonArray Strings(IEnumerable<string> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(JsonValue.Create(v));
        return a;
    }

    public static JsonObject Layout(string? title, int width, int height)
    {
        var layout = new JsonObject
        {
            ["width"] = width,
            ["height"] = height,
            ["paper_bgcolor"] = "#ffffff",
            ["plot_bgcolor"] = "#ffffff",
            ["font"] = new JsonObject { ["family"] = Rendering.SvgBuilder.FontFamily },
        };
        if (!string.IsNullOrWhiteSpace(title)) layout["title"] = new JsonObject { ["text"] = title };
        return layout;
    }

    public static JsonObject Axis(string? title, bool log)
    {
        var a = new JsonObject
        {
            ["type"] = log ? "log" : "linear",
            ["gridcolor"] = "#e8e8e8",
            ["linecolor"] = "#444444",
            ["showline"] = true,
            ["mirror"] = true,
            ["ticks"] = "outside",
        };
        if (!string.IsNullOrWhiteSpace(title)) a["title"] = new JsonObject { ["text"] = title };
        return a;
    }

    public static JsonObject Figure(JsonArray data, JsonObject layout) => new() { ["data"] = data, ["layout"] = layout };
}

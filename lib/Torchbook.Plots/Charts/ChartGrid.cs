using System.Globalization;
using System.Text.Json.Nodes;
using Torchbook.Formatting;
using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

/// <summary>
/// Several charts side by side in rows and columns (like matplotlib's subplots): e.g. loss and accuracy
/// curves next to each other. The charts stay live: changing one redraws the grid.
/// </summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.Plotly, MimeTypes.PlainText])]
public sealed class ChartGrid : Chart
{
    private const double Gap = 8;
    private readonly List<Chart> _charts;

    /// <summary>A grid of <paramref name="charts"/>, filled row by row, <paramref name="columns"/> per row (0: all in one row, up to 3).</summary>
    public ChartGrid(IEnumerable<Chart> charts, int columns = 0, string? title = null) : base(160, 120)
    {
        ArgumentNullException.ThrowIfNull(charts);
        _charts = charts.ToList();
        if (_charts.Count == 0) throw new ArgumentException("ChartGrid: no charts given; pass at least one.", nameof(charts));
        int nullAt = _charts.FindIndex(c => c is null);
        if (nullAt >= 0) throw new ArgumentException($"ChartGrid: chart {nullAt} is null.", nameof(charts));
        if (_charts.Any(c => c is ChartGrid)) throw new ArgumentException("ChartGrid: a grid cannot contain another grid; put all the charts in one grid.", nameof(charts));
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "ChartGrid: columns must be 0 (automatic) or more.");
        Columns = columns > 0 ? Math.Min(columns, _charts.Count) : _charts.Count <= 3 ? _charts.Count : (int)Math.Ceiling(Math.Sqrt(_charts.Count));
        Rows = (int)Math.Ceiling(_charts.Count / (double)Columns);
        Title = title;
        foreach (var c in _charts) c.Changed += (_, _) => { Relayout(); OnChanged(); };
        Relayout();
    }

    public IReadOnlyList<Chart> Charts => _charts;
    public int Columns { get; }
    public int Rows { get; }

    private double[] _colX = [], _rowY = [];
    private double Top => string.IsNullOrWhiteSpace(Title) ? 0 : 34;

    private void Relayout()
    {
        var colW = new double[Columns];
        var rowH = new double[Rows];
        for (int i = 0; i < _charts.Count; i++)
        {
            colW[i % Columns] = Math.Max(colW[i % Columns], _charts[i].Width);
            rowH[i / Columns] = Math.Max(rowH[i / Columns], _charts[i].Height);
        }
        _colX = new double[Columns + 1];
        for (int c = 0; c < Columns; c++) _colX[c + 1] = _colX[c] + colW[c] + (c < Columns - 1 ? Gap : 0);
        _rowY = new double[Rows + 1];
        _rowY[0] = Top;
        for (int r = 0; r < Rows; r++) _rowY[r + 1] = _rowY[r] + rowH[r] + (r < Rows - 1 ? Gap : 0);
        Width = (int)Math.Ceiling(Math.Max(160, _colX[Columns]));
        Height = (int)Math.Ceiling(Math.Max(120, _rowY[Rows]));
    }

    public override string Describe()
    {
        var t = string.IsNullOrWhiteSpace(Title) ? "" : $" \"{Title}\"";
        return $"Chart grid{t}: {_charts.Count} charts in {Rows} x {Columns} ({string.Join("; ", _charts.Select(c => c.ToString()))})";
    }

    internal override string RenderSvg()
    {
        var s = new SvgBuilder(Width, Height, "grid", Title ?? Describe());
        Frame.ChartTitle(s, Title, Width / 2.0, Width);
        for (int i = 0; i < _charts.Count; i++)
        {
            // Each chart is a nested <svg> placed at its cell; its ids are already unique (content hashes).
            var child = _charts[i].ToSvg();
            // The root's responsive style (height:auto) would stretch a nested <svg> to the whole grid: drop it.
            int tagEnd = child.IndexOf('>');
            var openTag = child[..tagEnd].Replace(" " + SvgBuilder.RootStyle, "", StringComparison.Ordinal);
            var at = $"<svg x=\"{SvgBuilder.N(_colX[i % Columns])}\" y=\"{SvgBuilder.N(_rowY[i / Columns])}\" ";
            s.Raw(at + openTag["<svg ".Length..] + child[tagEnd..]);
        }
        return s.Finish();
    }

    internal override JsonObject RenderPlotly()
    {
        var data = new JsonArray();
        var layout = PlotlyJson.Layout(Title, Width, Height);
        var annotations = new JsonArray();
        int nextAxis = 1;
        for (int i = 0; i < _charts.Count; i++)
        {
            JsonObject fig;
            lock (_charts[i].SyncRoot) fig = _charts[i].RenderPlotly();
            var childLayout = fig["layout"]!.AsObject();
            // The cell in paper coordinates (0..1, y upwards).
            double x0 = _colX[i % Columns] / Width, x1 = (_colX[i % Columns] + _charts[i].Width) / Width;
            double yTop = 1 - _rowY[i / Columns] / Height, yBottom = 1 - (_rowY[i / Columns] + _charts[i].Height) / Height;
            // Leave room inside the cell for the chart's own title and tick labels, as its margins would.
            // (Image grids lay out their own margins and captions: they get the whole cell.)
            bool own = _charts[i] is ImageChart;
            double ix0 = own ? x0 : x0 + (x1 - x0) * 0.12, ix1 = own ? x1 : x1 - (x1 - x0) * 0.06;
            double iy0 = own ? yBottom : yBottom + (yTop - yBottom) * 0.14, iy1 = own ? yTop : yTop - (yTop - yBottom) * 0.12;

            // Renumber the chart's axes after those of the charts before it: its k-th x/y pair becomes xN/yN.
            var rename = new Dictionary<string, string>();
            var suffixes = childLayout.Select(p => p.Key).Where(k => k.StartsWith("xaxis") || k.StartsWith("yaxis"))
                .Select(k => k[5..]).Distinct().OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToList();
            foreach (var n in suffixes)
            {
                var suffix = nextAxis == 1 ? "" : nextAxis.ToString(CultureInfo.InvariantCulture);
                rename["x" + n] = "x" + suffix;
                rename["y" + n] = "y" + suffix;
                nextAxis++;
            }
            string Map(string? id, char letter) => id != null && rename.TryGetValue(id, out var v) ? v : rename.GetValueOrDefault(letter.ToString(), letter.ToString());

            foreach (var p in childLayout.ToList())
            {
                if (!(p.Key.StartsWith("xaxis") || p.Key.StartsWith("yaxis")) || p.Value is not JsonObject axis) continue;
                var letter = p.Key[0];
                var newId = Map(letter + p.Key[5..], letter);
                var copy = axis.DeepClone().AsObject();
                double a = 0, b = 1;
                if (copy["domain"] is JsonArray d) { a = (double)d[0]!; b = (double)d[1]!; }
                copy["domain"] = letter == 'x'
                    ? new JsonArray(Math.Round(ix0 + a * (ix1 - ix0), 4), Math.Round(ix0 + b * (ix1 - ix0), 4))
                    : new JsonArray(Math.Round(iy0 + a * (iy1 - iy0), 4), Math.Round(iy0 + b * (iy1 - iy0), 4));
                foreach (var link in new[] { "anchor", "scaleanchor", "matches" })
                    if (copy[link] is JsonValue lv && lv.TryGetValue<string>(out var target)) copy[link] = Map(target, target[0]);
                if (copy["anchor"] is null) copy["anchor"] = Map(letter == 'x' ? "y" : "x", letter == 'x' ? 'y' : 'x');
                layout[(letter == 'x' ? "xaxis" : "yaxis") + newId[1..]] = copy;
            }
            foreach (var t in fig["data"]!.AsArray())
            {
                var trace = t!.DeepClone().AsObject();
                trace["xaxis"] = Map((string?)trace["xaxis"], 'x');
                trace["yaxis"] = Map((string?)trace["yaxis"], 'y');
                if ((string?)trace["type"] == "heatmap" && (bool?)trace["showscale"] != false)
                    trace["colorbar"] = MergeColorbar(trace["colorbar"] as JsonObject, ix1 + 0.005, (iy0 + iy1) / 2, iy1 - iy0);
                data.Add(trace);
            }
            if (childLayout["annotations"] is JsonArray childNotes)
                foreach (var n in childNotes)
                {
                    var note = n!.DeepClone().AsObject();
                    if ((string?)note["xref"] == "paper") note["x"] = Math.Round(x0 + (double)note["x"]! * (x1 - x0), 4);
                    if ((string?)note["yref"] == "paper") note["y"] = Math.Round(yBottom + (double)note["y"]! * (yTop - yBottom), 4);
                    annotations.Add(note);
                }
            if (childLayout["title"]?["text"] is JsonValue title)
                annotations.Add(new JsonObject
                {
                    ["text"] = "<b>" + System.Net.WebUtility.HtmlEncode((string)title!) + "</b>", ["showarrow"] = false,
                    ["xref"] = "paper", ["yref"] = "paper", ["x"] = Math.Round((ix0 + ix1) / 2, 4), ["y"] = Math.Round(iy1 + 0.01, 4),
                    ["xanchor"] = "center", ["yanchor"] = "bottom",
                });
        }
        layout["annotations"] = annotations;
        layout["showlegend"] = data.Any(t => (bool?)t!["showlegend"] == true);
        return PlotlyJson.Figure(data, layout);
    }

    private static JsonObject MergeColorbar(JsonObject? existing, double x, double y, double len)
    {
        var cb = existing?.DeepClone().AsObject() ?? new JsonObject();
        cb["x"] = Math.Round(x, 4); cb["y"] = Math.Round(y, 4); cb["len"] = Math.Round(len, 4);
        cb["xanchor"] = "left"; cb["yanchor"] = "middle";
        return cb;
    }
}

using System.Security.Cryptography;
using System.Text;
using Torchbook.Formatting;

namespace Torchbook.Plots;

/// <summary>
/// Anything Torchbook draws: line and scatter charts, bars, histograms, heatmaps, image grids.
/// A chart renders as self-contained SVG (no script, no CDN), as an equivalent plotly figure, and as a
/// one-line description; notebooks pick the richest form they can show. Charts are mutable: change or
/// extend them and render again (a host can update a displayed chart in place on <see cref="Changed"/>).
/// </summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.Plotly, MimeTypes.PlainText])]
public abstract class Chart
{
    private string? _title;
    private int _width, _height;

    protected Chart(int width, int height)
    {
        Width = width;
        Height = height;
    }

    /// <summary>The title drawn above the chart (null or empty for none).</summary>
    public string? Title { get => _title; set { _title = value; OnChanged(); } }

    /// <summary>Width of the whole chart in pixels (at least 160).</summary>
    public int Width
    {
        get => _width;
        set
        {
            if (value < 160 || value > 10000) throw new ArgumentOutOfRangeException(nameof(Width), value, "Chart width must be between 160 and 10000 pixels.");
            _width = value; OnChanged();
        }
    }

    /// <summary>Height of the whole chart in pixels (at least 120).</summary>
    public int Height
    {
        get => _height;
        set
        {
            if (value < 120 || value > 10000) throw new ArgumentOutOfRangeException(nameof(Height), value, "Chart height must be between 120 and 10000 pixels.");
            _height = value; OnChanged();
        }
    }

    /// <summary>Raised whenever the chart changes (new points, new series, new title...).</summary>
    public event EventHandler? Changed;

    /// <summary>Counts changes; a host can compare it to decide whether to re-render.</summary>
    public long Version { get; private set; }

    protected internal void OnChanged()
    {
        Version++;
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Held while the chart renders or its data changes, so a training loop on another thread can append
    /// points while the host draws the chart.
    /// </summary>
    protected internal object SyncRoot { get; } = new();

    /// <summary>The chart as a standalone SVG document (a string starting with &lt;svg).</summary>
    public string ToSvg()
    {
        string svg;
        lock (SyncRoot) svg = RenderSvg();
        // Ids (clip paths) must be unique on a page that shows several charts; derive them from the
        // content so that the same chart always renders to the same text.
        if (svg.Contains(IdPlaceholder, StringComparison.Ordinal))
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(svg)))[..10].ToLowerInvariant();
            svg = svg.Replace(IdPlaceholder, "tb" + hash, StringComparison.Ordinal);
        }
        return svg;
    }

    /// <summary>The chart as an HTML fragment: the SVG inline, nothing else needed to show it.</summary>
    public string ToHtml() => "<div class=\"torchbook-chart\" style=\"display:inline-block;max-width:100%\">" + ToSvg() + "</div>";

    /// <summary>An equivalent plotly figure: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToPlotlyJson()
    {
        lock (SyncRoot) return RenderPlotly().ToJsonString();
    }

    /// <summary>A one-line description, e.g. <c>Line chart "Loss": 2 series (train: 10 points, valid: 10 points)</c>.</summary>
    public abstract string Describe();

    /// <inheritdoc cref="Describe"/>
    public override string ToString()
    {
        lock (SyncRoot) return Describe();
    }

    /// <summary>Writes the chart as an SVG file.</summary>
    public void SaveSvg(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EnsureFolder(path);
        File.WriteAllText(path, ToSvg(), new UTF8Encoding(false));
    }

    /// <summary>
    /// Writes the chart as a PNG file, rasterising its SVG with <c>rsvg-convert</c> (Debian package
    /// librsvg2-bin). <paramref name="scale"/> 2 gives a sharper image with twice the pixels.
    /// </summary>
    public void SavePng(string path, double scale = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EnsureFolder(path);
        SvgRasterizer.WritePng(ToSvg(), path, scale);
    }

    /// <summary>The chart as PNG bytes (see <see cref="SavePng"/>).</summary>
    public byte[] ToPng(double scale = 1) => SvgRasterizer.ToPng(ToSvg(), scale);

    internal const string IdPlaceholder = "{{chart-id}}";

    internal abstract string RenderSvg();

    internal abstract System.Text.Json.Nodes.JsonObject RenderPlotly();

    private static void EnsureFolder(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}

/// <summary>Creates the notebook formatters for every <see cref="Chart"/>: HTML (inline SVG), plotly JSON, plain text.</summary>
public sealed class ChartFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<Chart>(MimeTypes.Html, (c, w) => { w.Write(c.ToHtml()); return true; }),
        new TypeFormatter<Chart>(MimeTypes.Plotly, (c, w) => { w.Write(c.ToPlotlyJson()); return true; }),
        new TypeFormatter<Chart>(MimeTypes.PlainText, (c, w) => { w.Write(c.ToString()); return true; }),
    ];
}

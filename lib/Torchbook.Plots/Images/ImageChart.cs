using System.Globalization;
using System.Text.Json.Nodes;
using Torchbook.Formatting;
using Torchbook.Plots.Rendering;

namespace Torchbook.Plots;

/// <summary>
/// One or more images in a grid, each with an optional title (like a matplotlib subplot gallery of samples
/// with their class names). Small images are enlarged with square pixels; the chart's size follows from the grid.
/// </summary>
[TypeFormatterSource(typeof(ChartFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.Plotly, MimeTypes.PlainText])]
public sealed class ImageChart : Chart
{
    private const double Gap = 10, Margin = 10, CaptionFont = 11.5;
    private readonly List<Image> _images;
    private readonly List<string?> _captions;

    /// <summary>A grid of <paramref name="images"/>, <paramref name="columns"/> per row (0: about square).</summary>
    /// <param name="images">The images, filled in row by row.</param>
    /// <param name="captions">A title per image (null entries for none).</param>
    /// <param name="columns">Images per row; 0 chooses about √n.</param>
    /// <param name="title">A title over the whole grid.</param>
    /// <param name="cellSize">Largest side of each image on screen in pixels; 0 chooses (small images enlarged to about 112).</param>
    public ImageChart(IEnumerable<Image> images, IEnumerable<string?>? captions = null, int columns = 0, string? title = null, int cellSize = 0)
        : base(160, 120)
    {
        ArgumentNullException.ThrowIfNull(images);
        _images = images.ToList();
        if (_images.Count == 0) throw new ArgumentException("ImageChart: no images given; pass at least one.", nameof(images));
        if (_images.Any(i => i is null)) throw new ArgumentException($"ImageChart: image {_images.FindIndex(i => i is null)} is null.", nameof(images));
        _captions = captions?.ToList() ?? [];
        if (_captions.Count != 0 && _captions.Count != _images.Count)
            throw new ArgumentException($"ImageChart: {_images.Count} images need {_images.Count} titles; received {_captions.Count}.", nameof(captions));
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "ImageChart: columns must be 0 (automatic) or more.");
        Columns = columns > 0 ? Math.Min(columns, _images.Count) : (int)Math.Ceiling(Math.Sqrt(_images.Count));
        Rows = (int)Math.Ceiling(_images.Count / (double)Columns);
        int biggest = _images.Max(i => Math.Max(i.Width, i.Height));
        bool single = _images.Count == 1;
        CellSize = cellSize > 0 ? cellSize
            : biggest <= 64 ? biggest * Math.Max(1, (int)Math.Round((single ? 224.0 : 112.0) / biggest))
            : Math.Min(biggest, single ? 480 : 200);
        Title = title;
        bool hasCaptions = _captions.Any(c => !string.IsNullOrEmpty(c));
        CaptionHeight = hasCaptions ? 18 : 0;
        double w = Margin * 2 + Columns * CellSize + (Columns - 1) * Gap;
        double h = (string.IsNullOrWhiteSpace(title) ? Margin : 40) + Rows * (CellSize + CaptionHeight) + (Rows - 1) * Gap + Margin;
        double titleW = string.IsNullOrWhiteSpace(title) ? 0 : TextMetrics.Width(title, Frame.TitleFont) * 1.1 + 24;
        Width = (int)Math.Ceiling(Math.Max(Math.Max(160, titleW), w));
        Height = (int)Math.Ceiling(Math.Max(120, h));
    }

    public IReadOnlyList<Image> Images => _images;
    public IReadOnlyList<string?> Captions => _captions;
    public int Columns { get; }
    public int Rows { get; }
    /// <summary>Largest side of each image on screen, in pixels.</summary>
    public int CellSize { get; }
    private double CaptionHeight { get; }

    public override string Describe()
    {
        var t = string.IsNullOrWhiteSpace(Title) ? "" : $" \"{Title}\"";
        if (_images.Count == 1) return _images[0].Describe() + t;
        return $"Image grid{t}: {_images.Count} images in {Rows} x {Columns}, {_images[0].Width}x{_images[0].Height}" +
               (_images[0].Channels == 1 ? " grayscale" : " RGB");
    }

    private (double X, double Y, double W, double H) Cell(int i)
    {
        int r = i / Columns, c = i % Columns;
        var img = _images[i];
        double k = CellSize / (double)Math.Max(img.Width, img.Height);
        double w = img.Width * k, h = img.Height * k;
        double gridW = Columns * CellSize + (Columns - 1) * Gap;
        double x0 = (Width - gridW) / 2 + c * (CellSize + Gap);
        double y0 = (string.IsNullOrWhiteSpace(Title) ? Margin : 40) + r * (CellSize + CaptionHeight + Gap) + CaptionHeight;
        return (x0 + (CellSize - w) / 2, y0 + (CellSize - h), w, h);
    }

    private static int PngScale(Image img, double shownWidth)
    {
        // Enlarge small images in the PNG itself, so they stay crisp even where image-rendering is ignored.
        int k = (int)Math.Floor(shownWidth / img.Width + 1e-9);
        return Math.Clamp(k, 1, 8);
    }

    internal override string RenderSvg()
    {
        var s = new SvgBuilder(Width, Height, "images", Title ?? Describe());
        Frame.ChartTitle(s, Title, Width / 2.0, Width);
        for (int i = 0; i < _images.Count; i++)
        {
            var img = _images[i];
            var (x, y, w, h) = Cell(i);
            s.Open("image-cell", $"data-index=\"{i}\"");
            var caption = i < _captions.Count ? _captions[i] : null;
            if (!string.IsNullOrEmpty(caption))
                s.Text(x + w / 2, y - 5, TextMetrics.Fit(caption, CaptionFont, CellSize + Gap - 2), CaptionFont, "middle", "image-title", "#222222");
            bool pixelated = w >= img.Width * 1.5;
            s.Image(x, y, w, h, img.ToPng(pixelated ? PngScale(img, w) : 1), pixelated);
            s.Close();
        }
        return s.Finish();
    }

    internal override JsonObject RenderPlotly()
    {
        var data = new JsonArray();
        var layout = PlotlyJson.Layout(Title, Width, Height);
        var annotations = new JsonArray();
        for (int i = 0; i < _images.Count; i++)
        {
            var img = _images[i];
            var (x, y, w, h) = Cell(i);
            string suffix = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            data.Add(new JsonObject
            {
                ["type"] = "image",
                ["source"] = "data:image/png;base64," + Convert.ToBase64String(img.ToPng()),
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["hoverinfo"] = "x+y",
            });
            JsonObject Hidden(double a, double b) => new()
            {
                ["domain"] = new JsonArray(Math.Round(a, 4), Math.Round(b, 4)),
                ["visible"] = false,
                ["anchor"] = null,
            };
            var xa = Hidden(x / Width, (x + w) / Width);
            var ya = Hidden(1 - (y + h) / Height, 1 - y / Height);
            xa["anchor"] = "y" + suffix;
            ya["anchor"] = "x" + suffix;
            ya["scaleanchor"] = "x" + suffix;
            layout["xaxis" + suffix] = xa;
            layout["yaxis" + suffix] = ya;
            var caption = i < _captions.Count ? _captions[i] : null;
            if (!string.IsNullOrEmpty(caption))
                annotations.Add(new JsonObject
                {
                    ["text"] = caption, ["showarrow"] = false, ["xref"] = "paper", ["yref"] = "paper",
                    ["x"] = Math.Round((x + w / 2) / Width, 4), ["y"] = Math.Round(1 - (y - 3) / Height, 4),
                    ["xanchor"] = "center", ["yanchor"] = "bottom",
                });
        }
        layout["annotations"] = annotations;
        layout["margin"] = new JsonObject { ["l"] = 0, ["r"] = 0, ["t"] = 0, ["b"] = 0 };
        return PlotlyJson.Figure(data, layout);
    }
}

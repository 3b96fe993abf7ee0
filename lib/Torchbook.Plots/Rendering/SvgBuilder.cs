using System.Globalization;
using System.Text;

namespace Torchbook.Plots.Rendering;

/// <summary>
/// Writes well-formed SVG markup: escaped text, invariant numbers, balanced groups.
/// Every chart renders through one of these, so the output always parses as XML.
/// </summary>
internal sealed class SvgBuilder
{
    public const string FontFamily = "DejaVu Sans, Verdana, Geneva, sans-serif";

    /// <summary>Lets a chart shrink to narrow screens while keeping its proportions.</summary>
    public const string RootStyle = "style=\"max-width:100%;height:auto\"";

    private readonly StringBuilder _sb = new();
    private int _depth;

    public SvgBuilder(double width, double height, string kind, string? accessibleTitle)
    {
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"torchbook-chart\" data-kind=\"")
           .Append(Escape(kind)).Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
           .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
           .Append("\" font-family=\"").Append(FontFamily).Append("\" ").Append(RootStyle).Append('>');
        if (!string.IsNullOrEmpty(accessibleTitle))
            _sb.Append("<title>").Append(Escape(accessibleTitle)).Append("</title>");
        // A white page, so the chart stays readable in dark-themed notebooks and PNG exports.
        Rect(0, 0, width, height, "#ffffff", cls: "background");
    }

    /// <summary>Formats a coordinate with at most two decimals, invariant culture.</summary>
    public static string N(double v)
    {
        if (!double.IsFinite(v)) v = 0;
        var r = Math.Round(v, 2);
        if (r == 0) r = 0; // no "-0"
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    // Control characters are not allowed in XML 1.0; drop them.
                    if (c >= ' ' || c == '\t' || c == '\n' || c == '\r') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public SvgBuilder Open(string cls, string? extraAttributes = null)
    {
        _sb.Append("<g class=\"").Append(Escape(cls)).Append('"');
        if (extraAttributes != null) _sb.Append(' ').Append(extraAttributes);
        _sb.Append('>');
        _depth++;
        return this;
    }

    public SvgBuilder Close()
    {
        if (_depth == 0) throw new InvalidOperationException("SvgBuilder: Close() without a matching Open().");
        _sb.Append("</g>");
        _depth--;
        return this;
    }

    /// <summary>Attribute text <c>name="value"</c> with the value escaped.</summary>
    public static string Attr(string name, string value) => $"{name}=\"{Escape(value)}\"";

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null,
        double strokeWidth = 1, string? cls = null, string? extra = null)
    {
        _sb.Append("<rect");
        if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
        _sb.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
           .Append("\" width=\"").Append(N(Math.Max(0, w))).Append("\" height=\"").Append(N(Math.Max(0, h)))
           .Append("\" fill=\"").Append(fill).Append('"');
        if (stroke != null) _sb.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(strokeWidth)).Append('"');
        if (extra != null) _sb.Append(' ').Append(extra);
        _sb.Append("/>");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1,
        string? cls = null, string? dash = null)
    {
        _sb.Append("<line");
        if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
        _sb.Append(" x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1))
           .Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2))
           .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (dash != null) _sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        _sb.Append("/>");
    }

    public void Circle(double cx, double cy, double r, string fill, string? stroke = null, double strokeWidth = 1,
        string? cls = null, double opacity = 1)
    {
        _sb.Append("<circle");
        if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
        _sb.Append(" cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r))
           .Append("\" fill=\"").Append(fill).Append('"');
        if (stroke != null) _sb.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(strokeWidth)).Append('"');
        if (opacity < 1) _sb.Append(" fill-opacity=\"").Append(N(opacity)).Append('"');
        _sb.Append("/>");
    }

    /// <summary>A polyline path through the points; each inner list is one unbroken segment.</summary>
    public void Path(IReadOnlyList<IReadOnlyList<(double X, double Y)>> segments, string stroke, double width,
        string? dash = null, string? cls = null, string? clipId = null)
    {
        var d = new StringBuilder();
        foreach (var seg in segments)
        {
            if (seg.Count == 0) continue;
            d.Append('M').Append(N(seg[0].X)).Append(',').Append(N(seg[0].Y));
            for (int i = 1; i < seg.Count; i++)
                d.Append('L').Append(N(seg[i].X)).Append(',').Append(N(seg[i].Y));
        }
        if (d.Length == 0) return;
        _sb.Append("<path");
        if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
        _sb.Append(" d=\"").Append(d).Append("\" fill=\"none\" stroke=\"").Append(stroke)
           .Append("\" stroke-width=\"").Append(N(width)).Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (dash != null) _sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        if (clipId != null) _sb.Append(" clip-path=\"url(#").Append(clipId).Append(")\"");
        _sb.Append("/>");
    }

    /// <summary>Text at (x, y). anchor: start, middle or end. baseline: the y is the text's middle when "middle".</summary>
    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string? cls = null,
        string fill = "#222222", string weight = "normal", double rotate = 0, bool middleBaseline = false, bool halo = false)
    {
        _sb.Append("<text");
        if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
        // dominant-baseline is not honoured everywhere; shift by a third of the size instead.
        var yy = middleBaseline ? y + size * 0.35 : y;
        _sb.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(yy)).Append("\" font-size=\"").Append(N(size)).Append('"');
        if (anchor != "start") _sb.Append(" text-anchor=\"").Append(anchor).Append('"');
        if (weight != "normal") _sb.Append(" font-weight=\"").Append(weight).Append('"');
        _sb.Append(" fill=\"").Append(fill).Append('"');
        if (halo) _sb.Append(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        if (rotate != 0) _sb.Append(" transform=\"rotate(").Append(N(rotate)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        _sb.Append('>').Append(Escape(text)).Append("</text>");
    }

    /// <summary>An embedded raster image (a PNG data URI), optionally drawn without smoothing.</summary>
    public void Image(double x, double y, double w, double h, byte[] png, bool pixelated, string? cls = "image",
        string preserveAspectRatio = "none")
    {
        _sb.Append("<image");
        if (cls != null) _sb.Append(" class=\"").Append(cls).Append('"');
        _sb.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(w))
           .Append("\" height=\"").Append(N(h)).Append("\" preserveAspectRatio=\"").Append(preserveAspectRatio).Append('"');
        if (pixelated) _sb.Append(" image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\"");
        _sb.Append(" href=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\"/>");
    }

    public void ClipRect(string id, double x, double y, double w, double h) =>
        _sb.Append("<defs><clipPath id=\"").Append(id).Append("\"><rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
           .Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(N(h)).Append("\"/></clipPath></defs>");

    public void Raw(string markup) => _sb.Append(markup);

    public string Finish()
    {
        while (_depth > 0) Close();
        _sb.Append("</svg>");
        return _sb.ToString();
    }
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>A picture a cell showed: an SVG (a chart, inline in text/html or as image/svg+xml) or a PNG.</summary>
public sealed partial class ImageOutput
{
    private ImageOutput(string mimeType, string? svg, byte[]? png)
    {
        MimeType = mimeType;
        SvgText = svg;
        Png = png;
    }

    /// <summary><c>image/svg+xml</c> or <c>image/png</c>.</summary>
    public string MimeType { get; }

    /// <summary>The SVG markup (outermost &lt;svg&gt; element), or null for a PNG.</summary>
    public string? SvgText { get; }

    /// <summary>The PNG bytes, or null for an SVG.</summary>
    public byte[]? Png { get; }

    /// <summary>The SVG parsed as XML (throws with the reason when it is not well-formed).</summary>
    public XElement Svg
    {
        get
        {
            if (SvgText is null) throw new Xunit.Sdk.XunitException("the picture is a PNG, not an SVG");
            try { return XElement.Parse(SvgText); }
            catch (System.Xml.XmlException e) { throw new Xunit.Sdk.XunitException($"the SVG is not well-formed XML: {e.Message}"); }
        }
    }

    /// <summary>Every picture in one output bundle, in the order found.</summary>
    public static IEnumerable<ImageOutput> FromBundle(MimeBundle bundle)
    {
        if (bundle.TryGetValue("image/svg+xml", out var svgDoc)) yield return new ImageOutput("image/svg+xml", OutermostSvg(svgDoc) ?? svgDoc, null);
        if (bundle.TryGetValue("image/png", out var base64)) yield return new ImageOutput("image/png", null, Convert.FromBase64String(base64.Trim()));
        if (bundle.TryGetValue("text/html", out var html))
        {
            if (OutermostSvg(html) is { } svg) yield return new ImageOutput("image/svg+xml", svg, null);
            foreach (Match m in DataPng().Matches(html))
                yield return new ImageOutput("image/png", null, Convert.FromBase64String(m.Groups[1].Value));
        }
    }

    /// <summary>From the first &lt;svg to the last &lt;/svg&gt; (a chart grid nests SVGs).</summary>
    private static string? OutermostSvg(string text)
    {
        var start = text.IndexOf("<svg", StringComparison.Ordinal);
        var end = text.LastIndexOf("</svg>", StringComparison.Ordinal);
        return start >= 0 && end > start ? text[start..(end + "</svg>".Length)] : null;
    }

    // <img src="data:image/png;base64,..."> outside an SVG (an SVG's own <image href> is part of the SVG).
    [GeneratedRegex("<img[^>]*\\ssrc=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex DataPng();

    public override string ToString() => SvgText is not null ? $"SVG ({SvgText.Length} characters)" : $"PNG ({Png!.Length} bytes)";
}

namespace Torchbook.Formatting;

/// <summary>
/// Text that a notebook shows as HTML (text/html), not as a string: <c>HTML("&lt;b&gt;hi&lt;/b&gt;")</c>
/// in a cell, or <c>new HtmlString(...)</c> from a library. Inline SVG works the same way.
/// </summary>
[TypeFormatterSource(typeof(HtmlStringFormatterSource))]
public sealed class HtmlString(string html)
{
    public string Html { get; } = html;

    public override string ToString() => Html;
}

internal sealed class HtmlStringFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<HtmlString>(MimeTypes.Html, (value, writer) => { writer.Write(value.Html); return true; }),
        new TypeFormatter<HtmlString>(MimeTypes.PlainText, (value, writer) => { writer.Write(value.Html); return true; }),
    ];
}

namespace Torchbook.Formatting;

/// <summary>A formatter object in the shape hosts discover: a MIME type and a Format method.</summary>
public sealed class TypeFormatter<T>(string mimeType, Func<T, TextWriter, bool> format)
{
    public string MimeType { get; } = mimeType;

    public Type Type => typeof(T);

    public bool Format(object instance, TextWriter writer) =>
        instance is T value && format(value, writer);
}

/// <summary>Well-known MIME types used across Torchbook.</summary>
public static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Svg = "image/svg+xml";
    public const string Png = "image/png";
    public const string Plotly = "application/vnd.plotly.v1+json";
    public const string Json = "application/json";
}

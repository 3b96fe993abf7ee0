namespace Torchbook.Notebooks.Model;

/// <summary>
/// The <c>data</c> of a display_data or execute_result output: MIME type → content, in insertion
/// order. Text types hold their text; JSON types (<c>application/json</c>, <c>*+json</c>) hold JSON text,
/// written back to the notebook as a JSON value.
/// </summary>
public sealed class MimeBundle : Dictionary<string, string>
{
    public MimeBundle() : base(StringComparer.Ordinal) { }

    public MimeBundle(IEnumerable<KeyValuePair<string, string>> entries) : this()
    {
        foreach (var (key, value) in entries) this[key] = value;
    }

    /// <summary>Whether values of this MIME type are JSON documents rather than text.</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>The text/plain entry, or an empty string.</summary>
    public string PlainText => TryGetValue("text/plain", out var text) ? text : "";
}

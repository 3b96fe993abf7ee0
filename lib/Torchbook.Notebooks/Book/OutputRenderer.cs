using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Book;

/// <summary>
/// A cell output as static HTML: HTML and SVG inline, PNG/JPEG as data URIs, markdown rendered,
/// text and errors in <c>&lt;pre&gt;</c> (ANSI colour codes removed). No scripts are added.
/// </summary>
public static partial class OutputRenderer
{
    /// <summary>The richest MIME type a static page can show, best first.</summary>
    public static readonly string[] Preference = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/plain"];

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    public static string StripAnsi(string text) => Ansi().Replace(text, "");

    public static string ToHtml(NotebookOutput output) => output switch
    {
        StreamOutput stream => $"<pre class=\"output stream {(stream.Name == StreamOutput.StdErr ? "stderr" : "stdout")}\">{Encode(stream.Text)}</pre>",
        ErrorOutput error => ErrorHtml(error),
        DisplayDataOutput display => BundleHtml(display.Data),
        ExecuteResultOutput result => BundleHtml(result.Data),
        _ => "",
    };

    private static string ErrorHtml(ErrorOutput error)
    {
        var text = new StringBuilder();
        text.Append(error.EName).Append(": ").Append(error.EValue);
        foreach (var line in error.Traceback.Skip(error.Traceback.Count > 0 && error.Traceback[0].EndsWith(error.EValue, StringComparison.Ordinal) ? 1 : 0))
        {
            text.Append('\n').Append(line);
        }
        return $"<pre class=\"output error\">{Encode(text.ToString())}</pre>";
    }

    private static string BundleHtml(MimeBundle data)
    {
        var mime = Preference.FirstOrDefault(data.ContainsKey);
        if (mime is null) return "";
        var value = data[mime];
        return mime switch
        {
            "text/html" => $"<div class=\"output html\">{value}</div>",
            "image/svg+xml" => $"<div class=\"output svg\">{value}</div>",
            "image/png" or "image/jpeg" or "image/gif" =>
                $"<div class=\"output image\"><img alt=\"output image\" src=\"data:{mime};base64,{Regex.Replace(value, @"\s", "")}\"></div>",
            "text/markdown" => $"<div class=\"output markdown\">{MarkdownRenderer.ToHtml(value, null)}</div>",
            _ => $"<pre class=\"output text\">{Encode(value)}</pre>",
        };
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(StripAnsi(text));
}

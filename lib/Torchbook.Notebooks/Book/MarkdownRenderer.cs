using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;

namespace Torchbook.Notebooks.Book;

/// <summary>Markdown cells to HTML with Markdig; links to sibling notebooks point at their pages; attachments become data URIs.</summary>
public static partial class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [GeneratedRegex("(href=\")([^\"/:]+)\\.ipynb(#[^\"]*)?\"")]
    private static partial Regex NotebookLink();

    [GeneratedRegex("src=\"attachment:([^\"]+)\"")]
    private static partial Regex AttachmentImage();

    public static string ToHtml(string markdown, JsonNode? attachments)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        html = NotebookLink().Replace(html, m => $"{m.Groups[1].Value}{m.Groups[2].Value}.html{m.Groups[3].Value}\"");
        if (attachments is JsonObject files)
        {
            html = AttachmentImage().Replace(html, m =>
            {
                var name = Uri.UnescapeDataString(m.Groups[1].Value);
                if (files[name] is JsonObject bundle && bundle.FirstOrDefault() is var (mime, data) && data is JsonValue)
                {
                    return $"src=\"data:{mime};base64,{data.GetValue<string>()}\"";
                }
                return m.Value;
            });
        }
        return html;
    }
}

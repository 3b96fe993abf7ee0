using System.Net;
using System.Text;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Book;

/// <summary>One chapter of the book: its notebook, title and page.</summary>
public sealed record BookChapter(string SourcePath, string Title, string PageName);

/// <summary>
/// Writes a static site from executed notebooks: <c>index.html</c> listing the chapters in file-name
/// order (titles from each notebook's first heading), one page per chapter (markdown rendered, C#
/// highlighted, outputs inline, previous/next links) and <c>style.css</c>. Only relative links and no
/// scripts: it works from the file system and from any static web server, offline.
/// </summary>
public static class BookWriter
{
    public const string StyleSheet = "style.css";

    /// <summary>Writes the book; returns its chapters in order.</summary>
    /// <exception cref="DirectoryNotFoundException">The input folder does not exist.</exception>
    /// <exception cref="NotebookFormatException">A notebook cannot be read.</exception>
    public static IReadOnlyList<BookChapter> Write(string inputDirectory, string outputDirectory, string bookTitle = "Torchbook")
    {
        var input = Path.GetFullPath(inputDirectory);
        if (!Directory.Exists(input))
            throw new DirectoryNotFoundException($"{inputDirectory} does not exist; run the notebooks first (torchbook run notebooks/ --output {inputDirectory}).");
        var files = Directory.EnumerateFiles(input, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var notebooks = files.Select(f => (Path: f, Notebook: NotebookJson.Load(f))).ToList();
        var chapters = notebooks
            .Select(n => new BookChapter(n.Path, n.Notebook.FirstHeading() ?? Path.GetFileNameWithoutExtension(n.Path),
                Path.GetFileNameWithoutExtension(n.Path) + ".html"))
            .ToList();

        var output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(output);
        WriteFile(Path.Combine(output, StyleSheet), Css);
        WriteFile(Path.Combine(output, "index.html"), IndexPage(bookTitle, chapters));
        for (var i = 0; i < chapters.Count; i++)
        {
            var page = ChapterPage(bookTitle, notebooks[i].Notebook, chapters[i], i > 0 ? chapters[i - 1] : null, i + 1 < chapters.Count ? chapters[i + 1] : null);
            WriteFile(Path.Combine(output, chapters[i].PageName), page);
        }
        return chapters;
    }

    private static void WriteFile(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Head(string title) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="{StyleSheet}">
        </head>
        <body>

        """;

    private static string IndexPage(string bookTitle, IReadOnlyList<BookChapter> chapters)
    {
        var html = new StringBuilder(Head(bookTitle));
        html.Append("<main class=\"index\">\n<h1>").Append(E(bookTitle)).Append("</h1>\n");
        if (chapters.Count == 0) html.Append("<p>No chapters yet.</p>\n");
        html.Append("<ol class=\"chapters\">\n");
        foreach (var chapter in chapters)
        {
            html.Append("<li><a href=\"").Append(Uri.EscapeDataString(chapter.PageName)).Append("\">").Append(E(chapter.Title)).Append("</a></li>\n");
        }
        html.Append("</ol>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Navigation(BookChapter? previous, BookChapter? next)
    {
        var nav = new StringBuilder("<nav class=\"pager\">");
        nav.Append(previous is null ? "<span></span>" : $"<a rel=\"prev\" href=\"{Uri.EscapeDataString(previous.PageName)}\">&larr; {E(previous.Title)}</a>");
        nav.Append("<a href=\"index.html\">Contents</a>");
        nav.Append(next is null ? "<span></span>" : $"<a rel=\"next\" href=\"{Uri.EscapeDataString(next.PageName)}\">{E(next.Title)} &rarr;</a>");
        return nav.Append("</nav>\n").ToString();
    }

    private static string ChapterPage(string bookTitle, Notebook notebook, BookChapter chapter, BookChapter? previous, BookChapter? next)
    {
        var html = new StringBuilder(Head($"{chapter.Title} · {bookTitle}"));
        html.Append(Navigation(previous, next));
        html.Append("<main class=\"chapter\">\n");
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case CellType.Markdown:
                    html.Append("<section class=\"cell markdown\">\n")
                        .Append(MarkdownRenderer.ToHtml(cell.Source, cell.Extra["attachments"]))
                        .Append("</section>\n");
                    break;
                case CellType.Code:
                    var tags = cell.Tags.Count > 0 ? " " + string.Join(" ", cell.Tags.Select(t => "tag-" + E(t))) : "";
                    html.Append("<section class=\"cell code").Append(tags).Append("\">\n");
                    var prompt = cell.ExecutionCount is { } n ? $"[{n}]" : "[ ]";
                    if (cell.HasTag("injected-parameters")) html.Append("<p class=\"note\">Parameters injected for this run:</p>\n");
                    html.Append("<div class=\"input\"><span class=\"prompt\">").Append(prompt).Append("</span><pre class=\"source\"><code class=\"language-csharp\">")
                        .Append(CSharpHighlighter.ToHtml(cell.Source)).Append("</code></pre></div>\n");
                    foreach (var output in cell.Outputs)
                    {
                        html.Append(OutputRenderer.ToHtml(output)).Append('\n');
                    }
                    html.Append("</section>\n");
                    break;
                case CellType.Raw:
                    html.Append("<section class=\"cell raw\"><pre>").Append(E(cell.Source)).Append("</pre></section>\n");
                    break;
            }
        }
        html.Append("</main>\n").Append(Navigation(previous, next)).Append("</body>\n</html>\n");
        return html.ToString();
    }

    private const string Css = """
        :root { --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --code-bg: #f6f8fa; --border: #d1d9e0; --accent: #0969da; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--fg); background: var(--bg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 58rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        a { color: var(--accent); }
        h1, h2, h3 { line-height: 1.25; }
        ol.chapters li { margin: .4rem 0; font-size: 1.1rem; }
        nav.pager { display: flex; justify-content: space-between; gap: 1rem; max-width: 58rem; margin: 0 auto; padding: .75rem 1.5rem; border-bottom: 1px solid var(--border); }
        nav.pager:last-of-type { border-top: 1px solid var(--border); border-bottom: 0; }
        .cell { margin: 1rem 0; }
        .input { display: flex; gap: .5rem; align-items: flex-start; }
        .prompt { color: var(--muted); font: 13px/1.5 ui-monospace, monospace; min-width: 3.2em; padding-top: .6rem; }
        pre { margin: 0; overflow-x: auto; font: 14px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
        pre.source { flex: 1; background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: .6rem .8rem; }
        .output { margin: .4rem 0 .4rem 3.7em; }
        pre.output { padding: .3rem .5rem; }
        pre.stderr { background: #fff8c5; }
        pre.error { background: #ffebe9; color: #82071e; border-left: 3px solid #cf222e; }
        .output.image img { max-width: 100%; }
        .output.svg svg, .output.html svg { max-width: 100%; height: auto; }
        .output table, .markdown table { border-collapse: collapse; font-size: 14px; }
        .output th, .output td, .markdown th, .markdown td { border: 1px solid var(--border); padding: .2rem .5rem; text-align: right; }
        .note { color: var(--muted); font-size: 13px; margin: 0 0 .2rem 3.7em; }
        .k { color: #cf222e; } .s { color: #0a3069; } .n { color: #0550ae; } .c { color: #6e7781; font-style: italic; } .d { color: #8250df; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --code-bg: #151b23; --border: #3d444d; --accent: #4493f8; }
          .k { color: #ff7b72; } .s { color: #a5d6ff; } .n { color: #79c0ff; } .c { color: #9198a1; } .d { color: #d2a8ff; }
          pre.stderr { background: #3b2e00; } pre.error { background: #3c1618; color: #ffdcd7; }
          .output.html, .output.svg { background: #ffffff; color: #1f2328; }
        }

        """;
}

using Torchbook.Notebooks.Book;
using Xunit;

namespace Torchbook.Notebooks.Tests;

public sealed class BookWriterTests(BookFixture book) : IClassFixture<BookFixture>
{
    [Fact]
    public void Index_lists_chapters_in_order_with_titles_from_first_headings()
    {
        Assert.Equal(["Tensors, first steps", "Plots inline", "03-untitled"], book.Chapters.Select(c => c.Title));
        var index = book.Read("index.html");
        var positions = new[] { "01-tensors.html", "02-plots.html", "03-untitled.html" }.Select(p => index.IndexOf($"href=\"{p}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Pages_link_previous_and_next_and_rewrite_notebook_links()
    {
        var first = book.Read("01-tensors.html");
        Assert.Contains("rel=\"next\" href=\"02-plots.html\"", first);
        Assert.DoesNotContain("rel=\"prev\"", first);
        Assert.Contains("href=\"02-plots.html\">the next chapter</a>", first);
        var second = book.Read("02-plots.html");
        Assert.Contains("rel=\"prev\" href=\"01-tensors.html\"", second);
        Assert.Contains("rel=\"next\" href=\"03-untitled.html\"", second);
    }

    [Fact]
    public void Code_is_highlighted_from_roslyn_tokens()
    {
        var html = CSharpHighlighter.ToHtml("#r \"x.dll\"\n// note\nvar s = $\"a{1}\"; int n = 0x1F; if (n > 2) return;");
        Assert.Contains("<span class=\"d\">#r &quot;x.dll&quot;\n</span>", html);
        Assert.Contains("<span class=\"c\">// note</span>", html);
        Assert.Contains("<span class=\"k\">var</span>", html);
        Assert.Contains("<span class=\"k\">int</span>", html);
        Assert.Contains("<span class=\"k\">if</span>", html);
        Assert.Contains("<span class=\"n\">0x1F</span>", html);
        Assert.Contains("<span class=\"s\">$&quot;</span><span class=\"s\">a</span>{<span class=\"n\">1</span>}", html);
    }

    [Fact]
    public void Highlighting_keeps_the_text_exactly()
    {
        const string code = "#!csharp\nvar list = new List<int> { 1, 2 }; /* block */\nstring Raw() => \"\"\"\n  raw \"quoted\"\n  \"\"\";\n@\"C:\\path\"";
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(CSharpHighlighter.ToHtml(code), "<[^>]+>", ""));
        Assert.Equal(code, text);
    }

    [Fact]
    public void Outputs_are_inline_text_svg_png_html_and_errors_without_ansi()
    {
        var first = book.Read("01-tensors.html");
        Assert.Contains("<pre class=\"output stream stdout\">x = 42\n</pre>", first);
        Assert.Contains("<pre class=\"output stream stderr\">careful\n</pre>", first);
        Assert.Contains("<pre class=\"output text\">42</pre>", first);
        var second = book.Read("02-plots.html");
        Assert.Contains(BookFixture.Svg, second);
        Assert.Contains($"src=\"data:image/png;base64,{BookFixture.Png}\"", second);
        Assert.Contains("<td>html cell</td>", second);
        var third = book.Read("03-untitled.html");
        Assert.Contains("<pre class=\"output error\">Exception: bad\n   at Submission#0</pre>", third);
    }

    [Fact]
    public void Pages_have_no_scripts_and_no_absolute_links()
    {
        foreach (var file in Directory.GetFiles(book.Output, "*.html"))
        {
            var html = File.ReadAllText(file);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("(href|src)=\"(/|https?:)", html);
        }
        Assert.True(File.Exists(Path.Combine(book.Output, "style.css")));
    }

    [Fact]
    public void Missing_input_folder_says_how_to_make_it()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => BookWriter.Write("/nonexistent/executed", Path.GetTempPath()));
        Assert.Contains("torchbook run notebooks/", e.Message);
    }
}

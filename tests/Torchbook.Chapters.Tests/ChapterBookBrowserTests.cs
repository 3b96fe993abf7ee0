using Microsoft.Playwright;
using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>
/// The book of every executed chapter (<c>torchbook book</c> over the quick runs) opened page by page
/// in Debian's chromium through Microsoft.Playwright: no console error, no failed request, every
/// picture and chart drawn with a size, every image loaded, every audio player with a source.
/// </summary>
public sealed class ChapterBookBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Every_chapter_page_loads_and_draws_its_pictures_without_errors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./build.sh prereqs installs Debian's chromium.");
        var work = Directory.CreateTempSubdirectory("torchbook-chapter-book-").FullName;
        var executed = Path.Combine(work, "executed");
        var chapters = RepositoryPaths.ChapterFiles;
        foreach (var chapter in chapters) NotebookJson.Save(ChapterRun.Shared(chapter).Notebook.Notebook, Path.Combine(executed, chapter));
        var book = Path.Combine(work, "book");
        var (exit, console) = TorchbookCommand.Run("book", executed, "--output", book);
        Assert.True(exit == 0, console);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var problems = new List<string>();
        foreach (var chapter in chapters)
        {
            var html = Path.Combine(book, Path.ChangeExtension(chapter, ".html"));
            Assert.True(File.Exists(html), $"the book has no page for {chapter}: {string.Join(", ", Directory.GetFiles(book).Select(Path.GetFileName))}");
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout(90_000);
            page.Console += (_, m) => { if (m.Type == "error") problems.Add($"{chapter}: console: {m.Text}"); };
            page.PageError += (_, e) => problems.Add($"{chapter}: page error: {e}");
            page.RequestFailed += (_, r) => problems.Add($"{chapter}: request failed: {r.Url}");
            await page.GotoAsync(new Uri(html).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            var counts = await page.EvaluateAsync<int[]>("""
                () => {
                  const outer = [...document.querySelectorAll('svg')].filter(s => !s.parentElement.closest('svg'));
                  const blankSvg = outer.filter(s => { const r = s.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); }).length;
                  const images = [...document.querySelectorAll('img')];
                  const brokenImages = images.filter(i => !(i.complete && i.naturalWidth > 0)).length;
                  const audio = [...document.querySelectorAll('audio')];
                  const silentAudio = audio.filter(a => !(a.currentSrc || a.querySelector('source[src]'))).length;
                  return [outer.length, blankSvg, images.length, brokenImages, audio.length, silentAudio];
                }
                """);
            if (counts[1] > 0) problems.Add($"{chapter}: {counts[1]} of {counts[0]} pictures (svg) drawn with no size");
            if (counts[3] > 0) problems.Add($"{chapter}: {counts[3]} of {counts[2]} images did not load");
            if (counts[5] > 0) problems.Add($"{chapter}: {counts[5]} of {counts[4]} audio players have no source");
            if (counts[0] + counts[2] == 0 && chapter != "00-engine-demo.ipynb") problems.Add($"{chapter}: no picture at all on the page");
            await page.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Directory.Delete(work, recursive: true);
    }
}

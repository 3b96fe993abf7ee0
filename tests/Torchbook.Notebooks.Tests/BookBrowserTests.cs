using Microsoft.Playwright;
using Xunit;

namespace Torchbook.Notebooks.Tests;

/// <summary>Skips (with the reason) where Debian's chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium; ./build.sh prereqs does it).";
        }
    }
}

/// <summary>
/// The book in a real browser: Debian's chromium driven by Microsoft.Playwright (its bundled node
/// driver, no browser download, no network), from file:// and from a local web server.
/// </summary>
public sealed class BookBrowserTests(BookFixture book) : IClassFixture<BookFixture>
{
    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumFactAttribute.ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    [ChromiumFact]
    public async Task Book_opens_follows_links_shows_the_svg_without_console_errors()
    {
        using var server = new StaticFileServer(book.Output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);

        foreach (var (origin, indexUrl) in new[] { ("file", new Uri(Path.Combine(book.Output, "index.html")).AbsoluteUri), ("http", server.BaseUrl + "index.html") })
        {
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout(90_000); // a loaded 2-core machine starts chromium slowly
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error") errors.Add(message.Text);
            };
            page.PageError += (_, error) => errors.Add(error);
            page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url}");

            await page.GotoAsync(indexUrl);
            Assert.Equal("Torchbook", await page.TitleAsync());
            await page.GetByRole(AriaRole.Link, new() { Name = "Tensors, first steps" }).ClickAsync();
            await page.WaitForURLAsync("**/01-tensors.html");
            Assert.Equal("Tensors, first steps", await page.Locator("h1").First.TextContentAsync());
            var keywordColour = await page.Locator("span.k").First.EvaluateAsync<string>("e => getComputedStyle(e).color");
            Assert.NotEqual(await page.Locator("pre.source").First.EvaluateAsync<string>("e => getComputedStyle(e).color"), keywordColour);

            await page.GetByRole(AriaRole.Link, new() { Name = "Plots inline →" }).First.ClickAsync();
            await page.WaitForURLAsync("**/02-plots.html");
            var bar = page.Locator("#plot-bar");
            Assert.True(await bar.IsVisibleAsync(), "the SVG plot is not visible");
            var box = await bar.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.Equal(100, box!.Width, 1);
            var imageWidth = await page.Locator(".output.image img").EvaluateAsync<int>("img => img.naturalWidth");
            Assert.Equal(1, imageWidth);

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Output, $"book-{origin}.png"), FullPage = true });
            Assert.True(errors.Count == 0, $"{origin}: {string.Join("\n", errors)}");
            await page.CloseAsync();
        }
    }
}

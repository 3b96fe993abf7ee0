using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Torchbook.Kernel.Tests.Support;
using Xunit;

namespace Torchbook.Kernel.Tests;

/// <summary>
/// The classic Jupyter Notebook server on 127.0.0.1 with a token, headless chromium through
/// Playwright: open a Polyglot-style notebook (kernelspec ".net-csharp"), Cell > Run All, see the
/// outputs (an inline SVG among them), and save a screenshot under output/test-artifacts/kernel/.
/// </summary>
public sealed class BrowserTests(InstalledKernel kernel) : IClassFixture<InstalledKernel>
{
    [BrowserFact]
    public async Task Jupyter_notebook_runs_all_cells_with_the_torchbook_kernel()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(kernel.Root, "notebooks")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "notebooks", "kernel-parity.ipynb"), Path.Combine(notebooks, "kernel-parity.ipynb"));
        var port = FreePort();
        var token = Guid.NewGuid().ToString("N");

        var serverLog = new System.Text.StringBuilder();
        using var server = StartServer(notebooks, port, token, serverLog);
        IPage? page = null;
        IPlaywright? playwright = null;
        IBrowser? browser = null;
        var screenshots = Directory.CreateDirectory(Path.Combine(InstalledKernel.RepositoryRoot, "output", "test-artifacts", "kernel")).FullName;
        try
        {
            await WaitForServer(port, token, server, TimeSpan.FromSeconds(40));

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Prerequisites.Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = 30_000,
            });
            page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1100 } });
            page.SetDefaultTimeout(45_000);
            var consoleErrors = new List<string>();
            page.PageError += (_, error) => consoleErrors.Add(error);
            page.Console += (_, message) => { lock (serverLog) serverLog.AppendLine($"[browser {message.Type}] {message.Text}"); };

            await page.GotoAsync($"http://127.0.0.1:{port}/notebooks/kernel-parity.ipynb?token={token}");
            // The kernel chosen from the notebook's kernelspec is ours, and it reaches idle.
            await page.WaitForSelectorAsync("#kernel_indicator_icon.kernel_idle_icon");
            Assert.Equal("C# (Torchbook)", (await page.InnerTextAsync(".kernel_indicator_name")).Trim());

            await page.ClickAsync("#celllink");
            await page.ClickAsync("#run_all_cells");

            // Outputs of every kind appear: stream, an updated display, inline SVG, a table, a result.
            await page.WaitForSelectorAsync(".output_subarea svg circle");
            await page.WaitForSelectorAsync(".output_subarea:has-text('1, 4, 9, 16')");
            await page.WaitForSelectorAsync(".output_subarea:has-text('step 3 of 3')");
            await page.WaitForSelectorAsync(".output_subarea table td:has-text('2.25')");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.output_result')].some(e => e.innerText.trim() === '30')");
            await page.WaitForSelectorAsync("#kernel_indicator_icon.kernel_idle_icon");
            Assert.False(await page.IsVisibleAsync(".output_error"), "a cell failed in the browser");

            var shot = Path.Combine(screenshots, "jupyter-notebook-run-all.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            Assert.True(new FileInfo(shot).Length > 10_000);
            Assert.Empty(consoleErrors);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            var outputs = "";
            try
            {
                if (page is not null)
                {
                    outputs = string.Join("\n", await page.EvalOnSelectorAllAsync<string[]>(".output_subarea", "els => els.map(e => e.className + ' | ' + e.innerText)"));
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "jupyter-notebook-failure.png"), Timeout = 10_000 });
                }
            }
            catch (Exception shotError) { outputs += $"\n(could not inspect the page: {shotError.GetType().Name}: {shotError.Message})"; }
            lock (serverLog) serverLog.Insert(0, $"outputs on the page:\n{outputs}\n");
            string log;
            lock (serverLog) log = serverLog.ToString();
            throw new TimeoutException($"{e.Message}\n(screenshot: output/test-artifacts/kernel/jupyter-notebook-failure.png)\nnotebook server log:\n{log}", e);
        }
        finally
        {
            if (browser is not null) await browser.DisposeAsync();
            playwright?.Dispose();
            StopServer(server);
        }
    }

    private System.Diagnostics.Process StartServer(string root, int port, string token, System.Text.StringBuilder log)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Prerequisites.Python,
        [
            "-m", "notebook", "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
            $"--NotebookApp.token={token}", $"--notebook-dir={root}", "--NotebookApp.open_browser=False",
            // CI containers run as root; the server refuses that without this flag.
            "--allow-root",
        ])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root,
        };
        foreach (var (key, value) in kernel.Environment) start.Environment[key] = value;
        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("cannot start the notebook server");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForServer(int port, string token, System.Diagnostics.Process server, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"the notebook server exited with {server.ExitCode}");
            try
            {
                var response = await http.GetAsync($"http://127.0.0.1:{port}/api/kernelspecs?token={token}");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the notebook server did not answer on port {port} within {timeout.TotalSeconds}s");
    }

    private static void StopServer(System.Diagnostics.Process server)
    {
        if (server.HasExited) return;
        server.Kill(entireProcessTree: true);  // the server and the kernels it started
        server.WaitForExit(10_000);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Torchbook.Notebooks.Tests;

/// <summary>A minimal local web server over a folder (GET only), to open the book over http://.</summary>
internal sealed class StaticFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;

    public StaticFileServer(string root)
    {
        _root = Path.GetFullPath(root);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(_root, relative.Length == 0 ? "index.html" : relative));
            if (!path.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            context.Response.ContentType = Path.GetExtension(path) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                _ => "application/octet-stream",
            };
            var bytes = await File.ReadAllBytesAsync(path);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

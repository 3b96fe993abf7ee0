using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Torchbook.Plots;

/// <summary>
/// Turns SVG into PNG with librsvg's <c>rsvg-convert</c> command (Debian: <c>apt-get install librsvg2-bin</c>).
/// No SVG rasteriser for .NET is available from our package feed, and librsvg is the renderer
/// GNOME and Wikipedia use, so we call it as a process.
/// </summary>
public static class SvgRasterizer
{
    /// <summary>The program run; override with the environment variable TORCHBOOK_RSVG_CONVERT.</summary>
    public static string Program =>
        Environment.GetEnvironmentVariable("TORCHBOOK_RSVG_CONVERT") is { Length: > 0 } p ? p : "rsvg-convert";

    /// <summary>Whether <see cref="Program"/> can be started on this machine.</summary>
    public static bool IsAvailable
    {
        get
        {
            try { return ToPng("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>", 1).Length > 8; }
            catch (InvalidOperationException) { return false; }
        }
    }

    /// <summary>Rasterises <paramref name="svg"/> to PNG bytes at <paramref name="scale"/> (1 = one pixel per SVG unit).</summary>
    public static byte[] ToPng(string svg, double scale = 1) => ToPng(svg, scale, Program);

    internal static byte[] ToPng(string svg, double scale, string program)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!(scale > 0 && scale <= 16))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "PNG scale must be in (0, 16]; 1 keeps the chart's size, 2 doubles it.");
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--format=png");
        psi.ArgumentList.Add("--zoom=" + scale.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add("--background-color=white");
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("process did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"PNG export needs the '{program}' program, which could not be started ({e.Message}). " +
                "Install it (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg), " +
                "or save the chart with SaveSvg instead.", e);
        }
        using (process)
        {
            var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            var stderr = process.StandardError.ReadToEndAsync();
            using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false)))
                stdin.Write(svg);
            copy.Wait();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"'{program}' failed (exit code {process.ExitCode}): {stderr.Result.Trim()}");
            return stdout.ToArray();
        }
    }

    /// <summary>Rasterises <paramref name="svg"/> into a PNG file.</summary>
    public static void WritePng(string svg, string path, double scale = 1) => File.WriteAllBytes(path, ToPng(svg, scale));
}

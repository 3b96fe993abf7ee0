using Xunit;

namespace Torchbook.Plots.Tests;

public class RasterizerTests
{
    [Fact]
    public void Missing_rasteriser_names_the_package_to_install()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SvgRasterizer.ToPng("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 1, "no-such-rsvg-convert-program"));
        Assert.Contains("librsvg2-bin", e.Message);
        Assert.Contains("SaveSvg", e.Message);
    }

    [Fact]
    public void Save_png_has_the_chart_size_times_the_scale()
    {
        var path = Path.Combine(Path.GetTempPath(), $"torchbook-{Guid.NewGuid():N}.png");
        try
        {
            Plot.Bar(["a", "b"], new[] { 1, 2 }, width: 300, height: 200).SavePng(path, scale: 2);
            var png = PngReader.Decode(File.ReadAllBytes(path));
            Assert.Equal((600, 400), (png.Width, png.Height));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Bad_scale_is_explained() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Line(new[] { 1.0 }).ToPng(scale: 0));
}

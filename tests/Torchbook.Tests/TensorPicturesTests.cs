using System.Xml.Linq;
using Torchbook;
using Torchbook.Plots;
using static TorchSharp.torch;

namespace Torchbook.Tests;

public class TensorPicturesTests
{
    [Fact]
    public void Images_come_from_chw_hw_and_uint8_tensors()
    {
        Assert.Contains("28x28", rand(1, 28, 28).ToImage().ToString());
        Assert.Contains("28x28", rand(28, 28).ToImage().ToString());
        Assert.Contains("RGB", (rand(3, 8, 8) * 255).to(uint8).ToImage().ToString());
        var ex = Assert.Throws<ArgumentException>(() => rand(2, 3, 8, 8).ToImage());
        Assert.Contains("ToImageGrid", ex.Message);
    }

    [Fact]
    public void A_batch_becomes_a_grid_with_titles()
    {
        var grid = rand(6, 1, 8, 8).ToImageGrid(titles: ["a", "b", "c", "d", "e", "f"], columns: 3);
        var svg = XDocument.Parse(grid.ToSvg());
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("f", texts);
        Assert.Equal(6, svg.Descendants().Count(e => e.Name.LocalName == "image"));
    }

    [Fact]
    public void Image_grids_take_a_cell_size()
    {
        Assert.Equal(100, rand(2, 1, 8, 8).ToImageGrid(cellSize: 100).CellSize);
        Assert.Equal(100, new[] { rand(3, 8, 8), rand(3, 8, 8) }.ToImageGrid(cellSize: 100).CellSize);
    }

    [Fact]
    public void Heatmaps_share_a_colour_scale_and_take_a_size()
    {
        var h = tensor(new float[,] { { 1, 2 } }).ToHeatmap(min: 0, max: 24, width: 300, height: 200);
        Assert.Equal((0.0, 24.0), (h.Min!.Value, h.Max!.Value));
        Assert.Equal((300, 200), (h.Width, h.Height));
        Assert.Equal(2.0, h[0, 1]);
    }

    [Fact]
    public void Heatmaps_lines_and_audio()
    {
        var h = arange(6).reshape(2, 3).ToHeatmap(title: "m");
        Assert.Contains("m", h.ToString());
        Assert.Throws<ArgumentException>(() => ones(3).ToHeatmap());
        Assert.Contains("5 points", linspace(0, 1, 5).ToLineChart("x").ToString());
        var audio = sin(linspace(0, 100, 8000)).ToAudio(8000);
        Assert.Contains("<audio", audio.ToHtml());
    }
}

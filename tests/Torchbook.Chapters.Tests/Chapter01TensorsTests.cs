using System.Text.RegularExpressions;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter01Run() : ChapterFixture("01-tensors.ipynb");

/// <summary>notebooks/01-tensors.ipynb in quick mode: no errors, PyTorch's numbers and messages, the pictures.</summary>
public sealed class Chapter01TensorsTests(Chapter01Run chapter) : IClassFixture<Chapter01Run>
{
    private readonly System.Text.Json.Nodes.JsonNode _golden = Goldens.Chapter("01-tensors.json");

    private ExecutedNotebook Notebook => chapter.Notebook;

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(Notebook);

    [Fact]
    public void Random_fills_print_what_pytorch_prints_for_the_same_seed()
    {
        var text = Notebook.Cell("fills").Text;
        var fills = _golden["fills"]!;
        foreach (var key in new[] { "rand", "randn", "randint" })
            Assert.Contains(fills.Text(key), text);
    }

    [Fact]
    public void Max_and_argmax_match_pytorch_per_row_and_per_column()
    {
        var cell = Notebook.Cell("max-argmax");
        var g = _golden["max_argmax"]!;
        Assert.Equal(g["max"]!.GetValue<double>(), ChapterAssert.Number(cell, @"x\.max\(\)\s+= ([0-9.]+)"), 4);
        Assert.Equal(g["argmax"]!.GetValue<long>(), (long)ChapterAssert.Number(cell, @"x\.argmax\(\)\s+= (\d+)"));
        Assert.Equal(g.Text("argmax0"), ChapterAssert.Matches(cell, @"x\.argmax\(0\)\s+= (tensor\(\[[^\]]*\]\))\s+best row of each column").Groups[1].Value);
        Assert.Equal(g.Text("argmax1"), ChapterAssert.Matches(cell, @"x\.argmax\(1\)\s+= (tensor\(\[[^\]]*\]\))\s+best column of each row").Groups[1].Value);
        var max1 = ChapterAssert.Matches(cell, @"x\.max\(1\)\s+= values (tensor\(\[[^\]]*\]\)), indexes (tensor\(\[[^\]]*\]\))");
        Assert.Equal(g.Text("max1_values"), max1.Groups[1].Value);
        Assert.Equal(g.Text("max1_indexes"), max1.Groups[2].Value);
    }

    [Fact]
    public void Shows_pytorchs_messages_for_the_broadcasting_view_and_in_place_errors()
    {
        var errors = _golden["errors"]!;
        Assert.Contains("ones(2, 2) + ones(3, 3) fails:\n" + errors.Text("broadcast"), Notebook.Cell("broadcast-error").Text);
        Assert.Contains("flat.view(5, 5): " + errors.Text("view_numel"), Notebook.Cell("view").Text);
        Assert.Contains("transposed.view(12): " + errors.Text("view_noncontiguous"), Notebook.Cell("contiguity").Text);
        Assert.Contains("w.add_(1): " + errors.Text("leaf_inplace"), Notebook.Cell("inplace-autograd").Text);
    }

    [Fact]
    public void Draws_a_tensor_as_a_heatmap_with_one_cell_per_element()
    {
        var svg = ChapterAssert.Svg(Notebook.Cell("heatmap"));
        Assert.Equal("heatmap", (string?)svg.Attribute("data-kind"));
        Assert.Equal(5 * 8, svg.Descendants().Count(e => ((string?)e.Attribute("class"))?.Split(' ').Contains("cell") == true));
    }

    [Fact]
    public void Permute_shows_the_picture_and_its_three_channels()
    {
        var cell = Notebook.Cell("permute-image");
        ChapterAssert.Matches(cell, @"chw: \[3, 48, 64\]");
        var svg = ChapterAssert.Svg(cell);
        Assert.Equal(5, svg.Descendants().Count(e => e.Name.LocalName == "image"));
    }

    [Fact]
    public void Broadcasting_picture_shows_three_heatmaps()
    {
        var cell = Notebook.Cell("broadcast-picture");
        ChapterAssert.Matches(cell, Regex.Escape("[3, 1] + [1, 4] -> [3, 4]"));
        var svg = ChapterAssert.Svg(cell);
        Assert.Equal(3, svg.Descendants().Count(e => e.Name.LocalName == "svg" && (string?)e.Attribute("data-kind") == "heatmap"));
    }

    [Fact]
    public void From_array_shares_memory_and_tensor_copies()
    {
        var cell = Notebook.Cell("bridge");
        ChapterAssert.Matches(cell, Regex.Escape("array:               [43, 2, 2, 2, 2]"));
        ChapterAssert.Matches(cell, Regex.Escape("from_array (shared): tensor([43.,  2.,  2.,  2.,  2.])"));
        ChapterAssert.Matches(cell, Regex.Escape("tensor (copied):     tensor([1., 1., 1., 1., 1.])"));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter06Run() : ChapterFixture("06-convolutions.ipynb");

/// <summary>
/// Chapter 6 in quick mode, on the CIFAR-10 stand-in (the test machines cannot download CIFAR-10): the convolution
/// by hand, the kernels' pictures, output sizes, pooling, module and function agreeing, the stand-in named as such,
/// the three networks' 18,090 parameters, training well above chance, weights moving between styles, and the
/// per-image verdicts.
/// </summary>
public sealed class Chapter06ConvolutionsTests(Chapter06Run chapter) : IClassFixture<Chapter06Run>
{
    // CIFAR-2 (here T-shirt/top against Pullover) has two balanced classes: chance is 50%; with 2,000 validation
    // images a guesser lands within 47-53% (three standard deviations). Quick runs measured 95.5% (seed 0).
    private const double ValidationAccuracyFloor = 0.80;

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(chapter.Notebook);

    [Fact]
    public void The_convolution_sums_each_window_and_the_kernels_outputs_are_drawn()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("photo"), @"tensor\(\[\[54\., 63\.\],\s+\[90\., 99\.\]\]\)");
        ChapterAssert.Matches(nb.Cell("photo"), @"first window by hand: 54");
        var svg = ChapterAssert.Svg(nb.Cell("kernels"));
        Assert.Equal(4, svg.Descendants().Count(e => e.Name.LocalName == "image"));
        foreach (var title in new[] { "the photo", "box blur 5 x 5", "horizontal edges", "vertical edges" })
            Assert.Contains(title, svg.ToString());
    }

    [Fact]
    public void Output_sizes_follow_the_formula_and_pooling_halves()
    {
        var nb = chapter.Notebook;
        var rows = Regex.Matches(nb.Cell("size").Text, @"-> \[1, 16, (\d+), (\d+)\]; formula gives (\d+)");
        Assert.Equal(5, rows.Count);
        Assert.All(rows, m => Assert.Equal(m.Groups[3].Value, m.Groups[2].Value));
        ChapterAssert.Matches(nb.Cell("pool"), @"max pool 2: \[1, 1, 512, 512\] -> \[1, 1, 256, 256\]");
        ChapterAssert.Matches(nb.Cell("pool"), @"its max (\d\.\d{4}) = \1, its mean (\d\.\d{4}) = \2");
        ChapterAssert.Matches(nb.Cell("functional"), @"module and function agree: True");
    }

    [Fact]
    public void The_stand_in_says_it_is_one()
    {
        var cell = chapter.Notebook.Cell("data");
        ChapterAssert.Matches(cell, @"CIFAR-10 is not in the data folder \(data-scripts/cifar10\.sh fetches it\)");
        ChapterAssert.Matches(cell, @"Using the STAND-IN: Fashion-MNIST");
        ChapterAssert.Matches(cell, @"50,000 training and 10,000 validation images");
        ChapterAssert.Matches(chapter.Notebook.Cell("cifar2"), @"CIFAR-2: 9,969 training and 2,000 validation images of T-shirt/top \(0\) and Pullover \(1\)");
        Assert.Equal(16, ChapterAssert.Svg(chapter.Notebook.Cell("cifar2")).Descendants().Count(e => e.Name.LocalName == "image"));
    }

    [Fact]
    public void The_three_styles_have_the_notes_18090_parameters()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("sequential"), @"18,090 parameters; per tensor: 432 \+ 16 \+ 1152 \+ 8 \+ 16384 \+ 32 \+ 64 \+ 2");
        ChapterAssert.Matches(nb.Cell("functional-net"), @"all three have the notes' 18,090: True");
        ChapterAssert.Matches(nb.Cell("summary-net"), @"Total params: 18,090");
    }

    [Fact]
    public void Training_lands_well_above_chance_and_the_curves_are_drawn()
    {
        var nb = chapter.Notebook;
        var accuracy = ChapterAssert.Number(nb.Cell("train"), @"validation accuracy (\d\.\d{3})");
        Assert.InRange(accuracy, ValidationAccuracyFloor, 1.0);
        int epochs = ChapterAssert.QuickValue(nb, "epochs");
        ChapterAssert.Matches(nb.Cell("train"), $@"after {epochs} epochs");
        var curves = ChapterAssert.Svg(nb.Cell("curves")).ToString();
        Assert.Contains("Loss", curves);
        Assert.Contains("Accuracy", curves);
    }

    [Fact]
    public void Weights_saved_from_one_style_load_into_another()
    {
        var cell = chapter.Notebook.Cell("save");
        ChapterAssert.Matches(cell, @"saved: conv1\.weight, conv1\.bias, conv2\.weight, conv2\.bias, fc1\.weight, fc1\.bias, fc2\.weight, fc2\.bias");
        ChapterAssert.Matches(cell, @"Net with NetFunctional's weights gives the same outputs: True");
    }

    [Fact]
    public void Each_of_ten_test_images_gets_its_verdict_in_words_and_in_the_gallery()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("fashion"), @"225,034 parameters");
        var lines = Regex.Matches(nb.Cell("verdicts").Text, @"test image (\d): predicted ([^,]+), actual (.+?)(  <- wrong)?$", RegexOptions.Multiline);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines.Select(m => m.Groups[1].Value));
        Assert.All(lines, m => Assert.Equal(m.Groups[2].Value != m.Groups[3].Value.TrimEnd(), m.Groups[4].Success));
        Assert.True(lines.Count(m => !m.Groups[4].Success) >= 6, "fewer than 6 of the 10 verdicts are right");
        var gallery = ChapterAssert.Svg(nb.Cell("verdicts"));
        Assert.Equal(10, gallery.Descendants().Count(e => e.Name.LocalName == "image"));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter07Run() : ChapterFixture("07-classic-architectures.ipynb");

/// <summary>
/// Chapter 7 in quick mode: every network the learner builds has TorchVision's parameter count, state_dict and
/// outputs (the counts checked against Debian's python3-torchvision 0.14, tests/parity/make_model_zoo_goldens.py);
/// the shape traces, dropout, batch normalisation, 1 x 1 convolutions and receptive fields say what the text
/// says; the history and the zoo use TorchVision's counts; LeNet-5 trains and its right and wrong calls are drawn.
/// </summary>
public sealed class Chapter07ClassicArchitecturesTests(Chapter07Run chapter) : IClassFixture<Chapter07Run>
{
    // Fashion-MNIST has ten balanced classes: chance is 10%. LeNet-5 after the quick run's 2 epochs on 20,000 images
    // measured 81.7% (seed 0); 70% leaves room for other seeds and machines while failing a network that has not learned.
    private const double TestAccuracyFloor = 0.70;

    private static readonly System.Text.Json.Nodes.JsonNode Zoo = Goldens.ModelZoo();

    private static long Parameters(string model) => Zoo[model]!["parameters"]!.GetValue<long>();
    private static int StateDictEntries(string model) => Zoo[model]!["state_dict_entries"]!.GetValue<int>();
    private static long N(string digits) => long.Parse(digits.Replace(",", ""), CultureInfo.InvariantCulture);
    private static int ImageCount(XElement svg) => svg.Descendants().Count(e => e.Name.LocalName == "image");

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(chapter.Notebook);

    [Fact]
    public void LeNet5_is_traced_layer_by_layer_and_has_61706_parameters()
    {
        var nb = chapter.Notebook;
        var trace = nb.Cell("lenet");
        ChapterAssert.Matches(trace, @"conv1 \(Conv2d\)\s+\[8, 1, 32, 32\]\s+\[8, 6, 28, 28\]\s+156");
        ChapterAssert.Matches(trace, @"fc1 \(Linear\)\s+\[8, 400\]\s+\[8, 120\]\s+48,120");
        ChapterAssert.Matches(trace, @"Total params: 61,706");
        var table = nb.Cell("lenet-params");
        ChapterAssert.Matches(table, @"fc1\.weight\s+\[120, 400\]\s+48,000\s+77\.8 %");
        ChapterAssert.Matches(table, @"Trainable params: 61,706");
        ChapterAssert.Matches(table, @"46,023,168 parameters in that layer alone");
    }

    [Theory]
    [InlineData("alexnet-check", "alexnet")]
    [InlineData("vgg-outputs", "vgg16")]
    [InlineData("vgg-outputs", "vgg16_bn")]
    [InlineData("googlenet-check", "googlenet")]
    [InlineData("resnet-check", "resnet18")]
    [InlineData("resnet-check", "resnet50")]
    public void Each_network_built_by_hand_is_TorchVisions_in_count_state_dict_and_outputs(string cell, string model)
    {
        var m = ChapterAssert.Matches(chapter.Notebook.Cell(cell),
            $@"^{model}: ours ([\d,]+) parameters in (\d+) state_dict tensors, TorchVision's ([\d,]+) in (\d+); same state_dict: (\w+); same outputs with TorchVision's weights: (\w+)",
            RegexOptions.Multiline);
        Assert.Equal(Parameters(model), N(m.Groups[1].Value));
        Assert.Equal(Parameters(model), N(m.Groups[3].Value));
        Assert.Equal(StateDictEntries(model), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(StateDictEntries(model), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
        Assert.Equal("True", m.Groups[5].Value);
        Assert.Equal("True", m.Groups[6].Value);
    }

    [Fact]
    public void Every_VGG_configuration_with_and_without_batch_norm_counts_as_TorchVisions()
    {
        var rows = Regex.Matches(chapter.Notebook.Cell("vgg-check").Text, @"^(vgg\d+(?:_bn)?)\s+(\d+) convolutions: ours ([\d,]+), TorchVision's ([\d,]+)", RegexOptions.Multiline);
        Assert.Equal(["vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn"], rows.Select(r => r.Groups[1].Value));
        foreach (Match r in rows)
        {
            Assert.Equal(Parameters(r.Groups[1].Value), N(r.Groups[3].Value));
            Assert.Equal(Parameters(r.Groups[1].Value), N(r.Groups[4].Value));
        }
        Assert.Equal(["8", "8", "10", "10", "13", "13", "16", "16"], rows.Select(r => r.Groups[2].Value));
        ChapterAssert.Matches(chapter.Notebook.Cell("vgg-class"), @"classifier\s+6 tensors\s+123,642,856\s+89\.4 %");
    }

    [Fact]
    public void The_deeper_ResNets_count_as_TorchVisions()
    {
        foreach (var model in new[] { "resnet34", "resnet101", "resnet152" })
        {
            var m = ChapterAssert.Matches(chapter.Notebook.Cell("resnet-check"), $@"^{model}: ours ([\d,]+) parameters, TorchVision's ([\d,]+)$", RegexOptions.Multiline);
            Assert.Equal(Parameters(model), N(m.Groups[1].Value));
            Assert.Equal(Parameters(model), N(m.Groups[2].Value));
        }
    }

    [Fact]
    public void The_shape_traces_show_what_each_block_does()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("alexnet-trace"), @"features\.12 \(MaxPool2d\)\s+\[1, 256, 13, 13\]\s+\[1, 256, 6, 6\]");
        ChapterAssert.Matches(nb.Cell("alexnet-trace"), @"classifier\.1 \(Linear\)\s+\[1, 9216\]\s+\[1, 4096\]\s+37,752,832");
        ChapterAssert.Matches(nb.Cell("adaptive"), @"features\s+\[1, 3, 320, 320\] -> \[1, 256, 9, 9\]");
        ChapterAssert.Matches(nb.Cell("adaptive"), @"avgpool\s+\[1, 256, 9, 9\] -> \[1, 256, 6, 6\]");
        var branches = Regex.Matches(nb.Cell("inception").Text, @"branch\d \(Sequential\)\s+\[1, 192, 28, 28\]\s+\[1, (\d+), 28, 28\]");
        Assert.Equal(["64", "128", "32", "32"], branches.Select(b => b.Groups[1].Value));
        ChapterAssert.Matches(nb.Cell("googlenet"), @"inception5b \(Inception\)\s+\[1, 832, 7, 7\]\s+\[1, 1024, 7, 7\]");
        ChapterAssert.Matches(nb.Cell("resnet-class"), @"layer4 \(Sequential\)\s+\[1, 256, 14, 14\]\s+\[1, 512, 7, 7\]");
        var blocks = Regex.Matches(nb.Cell("resnet50").Text, @"layer(\d)\.\d+ \(Bottleneck\)");
        Assert.Equal(["1", "1", "1", "2", "2", "2", "2", "3", "3", "3", "3", "3", "3", "4", "4", "4"], blocks.Select(b => b.Groups[1].Value));
    }

    [Fact]
    public void Dropout_batch_norm_and_1x1_convolutions_do_what_the_text_says()
    {
        var nb = chapter.Notebook;
        var training = ChapterAssert.Matches(nb.Cell("dropout"), @"training:\s+tensor\(\[([^\]]+)\]\)").Groups[1].Value.Split(',').Select(v => v.Trim()).ToList();
        Assert.Equal(10, training.Count);
        Assert.All(training, v => Assert.Contains(v, new[] { "0.", "2." }));
        Assert.Contains("0.", training);
        ChapterAssert.Matches(nb.Cell("dropout"), @"evaluation: tensor\(\[1\., 1\., 1\., 1\., 1\., 1\., 1\., 1\., 1\., 1\.\]\)");

        ChapterAssert.Matches(nb.Cell("batchnorm"), @"after:  mean per channel 0\.000, 0\.000, 0\.000, 0\.000; std 1\.000, 1\.000, 1\.000, 1\.000");
        var extra = N(ChapterAssert.Matches(nb.Cell("batchnorm"), @"vgg16_bn's extra parameters: 2 x 4,224 channels = ([\d,]+)").Groups[1].Value);
        Assert.Equal(Parameters("vgg16_bn") - Parameters("vgg16"), extra);

        ChapterAssert.Matches(nb.Cell("one-by-one"), @"256 -> 256 channels: 590,080 parameters");
        ChapterAssert.Matches(nb.Cell("one-by-one"), @"back up to 256: 70,016 parameters, 8\.4 times fewer");
        ChapterAssert.Matches(nb.Cell("one-by-one"), @"the same Linear\(256, 64\) at every pixel: True");
    }

    [Fact]
    public void Receptive_fields_computed_match_those_measured_with_autograd_and_are_drawn()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("receptive"), @"three 3 x 3 convolutions: 7 ");
        ChapterAssert.Matches(nb.Cell("receptive"), @"dilated 1, 2, 4: 3, 7, 15");
        ChapterAssert.Matches(nb.Cell("receptive"), @"VGG-16's features: 212 pixels");
        var rows = Regex.Matches(nb.Cell("receptive-seen").Text, @"computed (\d+), measured (\d+)");
        Assert.Equal(["7", "15", "18"], rows.Select(r => r.Groups[1].Value));
        Assert.All(rows, r => Assert.Equal(r.Groups[1].Value, r.Groups[2].Value));
        Assert.Equal(3, ImageCount(ChapterAssert.Svg(nb.Cell("receptive-seen"))));
    }

    [Fact]
    public void The_history_and_the_zoo_use_TorchVisions_counts()
    {
        var nb = chapter.Notebook;
        foreach (var (name, model) in new[] { ("AlexNet", "alexnet"), ("VGG-16", "vgg16"), ("GoogLeNet", "googlenet"), ("ResNet-152", "resnet152") })
            Assert.Equal(Parameters(model), N(ChapterAssert.Matches(nb.Cell("history"), $@"^{name}\s+\d{{4}}\s+\d+\s+([\d,]+)", RegexOptions.Multiline).Groups[1].Value));
        var bars = ChapterAssert.Svg(nb.Cell("history")).ToString();
        Assert.Contains("Parameters (millions)", bars);
        Assert.Contains("ImageNet top-5 error (%)", bars);
        foreach (var model in new[] { "alexnet", "vgg11_bn", "googlenet", "resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small" })
            Assert.Equal(Parameters(model), N(ChapterAssert.Matches(nb.Cell("zoo"), $@"^{model}\s+([\d,]+) parameters", RegexOptions.Multiline).Groups[1].Value));
        ChapterAssert.Matches(nb.Cell("zoo"), @"resnet18\(num_classes: 2\) gives \[1, 2\]");
    }

    [Fact]
    public void LeNet5_trains_and_its_most_confident_right_and_wrong_calls_are_drawn()
    {
        var nb = chapter.Notebook;
        int epochs = ChapterAssert.QuickValue(nb, "epochs");
        var accuracy = ChapterAssert.Number(nb.Cell("train"), $@"after {epochs} epochs on [\d,]+ images: test accuracy (\d\.\d{{3}})");
        Assert.InRange(accuracy, TestAccuracyFloor, 1.0);
        var counts = ChapterAssert.Matches(nb.Cell("predictions"), @"([\d,]+) right and ([\d,]+) wrong calls");
        Assert.Equal(10_000, N(counts.Groups[1].Value) + N(counts.Groups[2].Value));
        Assert.Equal(accuracy, N(counts.Groups[1].Value) / 10_000.0, 3);
        var worst = ChapterAssert.Matches(nb.Cell("predictions"), @"most confident wrong call: test image \d+, (.+) with [\d.]+ ?%, actually (.+)$", RegexOptions.Multiline);
        Assert.NotEqual(worst.Groups[1].Value, worst.Groups[2].Value.Trim());
        Assert.Equal(8, ImageCount(ChapterAssert.Svg(nb.Cell("right"))));
        var wrong = ChapterAssert.Svg(nb.Cell("wrong"));
        Assert.Equal(8, ImageCount(wrong));
        var titles = wrong.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Where(t => t.Contains('(')).ToList();
        Assert.Equal(8, titles.Count);
        Assert.All(titles, t => Assert.Matches(@"^(.+) \((?!\1\))(.+)\)$", t));
        Assert.Contains("LeNet-5 on the Fashion-MNIST test set", ChapterAssert.Svg(nb.Cell("confusion")).ToString());
    }
}

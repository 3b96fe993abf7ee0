using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter05Run() : ChapterFixture("05-first-image-classifier.ipynb");

/// <summary>
/// Chapter 5 in quick mode, on the faces-or-background image folder: the folder's splits, ImageFolder's classes,
/// the check that drops a file that is not an image (and the data set left as it was), SimpleNet's parameter count,
/// the per-epoch report, the pictures, the test accuracy, and saving and loading.
/// </summary>
public sealed class Chapter05FirstImageClassifierTests(Chapter05Run chapter) : IClassFixture<Chapter05Run>
{
    // Two balanced classes: a model that guesses gets 15 of the 30 test images right on average; 24 or more (80%)
    // happens by chance with probability 0.0007. Quick runs with seeds 0, 1 and 2 measured 96.7%, 96.7% and 100%.
    private const double TestAccuracyFloor = 80.0;

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(chapter.Notebook);

    [Fact]
    public void The_folder_is_split_70_15_15_per_class_and_read_as_two_classes()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("folder"), @"train background: 70 files, face: 70 files");
        ChapterAssert.Matches(nb.Cell("folder"), @"val   background: 15 files, face: 15 files");
        ChapterAssert.Matches(nb.Cell("folder"), @"test  background: 15 files, face: 15 files");
        ChapterAssert.Matches(nb.Cell("imagefolder"), @"classes: \[background, face\]");
        ChapterAssert.Matches(nb.Cell("imagefolder"), @"class_to_idx: background -> 0, face -> 1");
        ChapterAssert.Matches(nb.Cell("imagefolder"), @"item 0: image \[3, 25, 25\] Byte, label 0");
        ChapterAssert.Matches(nb.Cell("transforms"), @"after:  \[3, 64, 64\] Float32");
        ChapterAssert.Matches(nb.Cell("loaders"), @"train 140 images in 3 batches, val 30, test 30");
        ChapterAssert.Matches(nb.Cell("loaders"), @"one batch: images \[30, 3, 64, 64\], labels \[30\]");
    }

    [Fact]
    public void The_check_drops_a_file_that_is_not_an_image_and_the_folder_is_left_as_it_was()
    {
        var cell = chapter.Notebook.Cell("check");
        ChapterAssert.Matches(cell, @"without the check: 141 files");
        ChapterAssert.Matches(cell, @"reading item 140: ImageFolder: <folder>/train/face/not-a-photo\.jpg could not be read as an image");
        ChapterAssert.Matches(cell, @"with the check: +140 files");
        var data = Environment.GetEnvironmentVariable("TORCHBOOK_DATA") is { Length: > 0 } moved ? moved : Path.Combine(RepositoryPaths.Root, "data");
        var folder = Path.Combine(data, "faces-or-background");
        Assert.False(File.Exists(Path.Combine(folder, "train", "face", "not-a-photo.jpg")), "the chapter left its junk file in the data set");
    }

    [Fact]
    public void SimpleNet_has_the_notes_1036628_parameters()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("count"), @"by hand: 1,036,628; counted: 1,036,628; the notes' count 1,036,628: equal");
        ChapterAssert.Matches(nb.Cell("count"), @"Total params: 1,036,628");
        ChapterAssert.Matches(nb.Cell("simplenet"), @"\(fc1\): Linear\(in_features=12288, out_features=84, bias=True\)");
    }

    [Fact]
    public void Every_epoch_reports_both_losses_and_the_accuracy_and_the_model_learns()
    {
        var nb = chapter.Notebook;
        int epochs = ChapterAssert.QuickValue(nb, "epochs");
        var rows = Regex.Matches(nb.Cell("run").Text, @"Epoch: +(\d+), Training Loss: (\d+\.\d+), Validation Loss: (\d+\.\d+), accuracy = (\d\.\d+)");
        Assert.Equal(Enumerable.Range(1, epochs), rows.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        double Value(Match m, int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        Assert.True(Value(rows[^1], 2) < Value(rows[0], 2) / 10, "the training loss did not fall by a factor of ten");
        Assert.True(Value(rows[^1], 4) >= 0.8, $"the last validation accuracy is {Value(rows[^1], 4)}");
        var curves = ChapterAssert.Svg(nb.Cell("curves")).ToString();
        Assert.Contains("Loss per image", curves);
        Assert.Contains("Validation accuracy", curves);
    }

    [Fact]
    public void The_test_accuracy_is_well_above_chance()
    {
        var accuracy = ChapterAssert.Number(chapter.Notebook.Cell("test"), @"test accuracy: \d+ of 30 = (\d+\.\d)%");
        Assert.InRange(accuracy, TestAccuracyFloor, 100);
    }

    [Fact]
    public void The_images_are_drawn_with_their_labels()
    {
        var nb = chapter.Notebook;
        static int Images(XElement svg) => svg.Descendants().Count(e => e.Name.LocalName == "image");
        Assert.Equal(16, Images(ChapterAssert.Svg(nb.Cell("look"))));
        Assert.Equal(4, Images(ChapterAssert.Svg(nb.Cell("resize-picture"))));
        var gallery = ChapterAssert.Svg(nb.Cell("gallery"));
        Assert.Equal(30, Images(gallery));
        var titles = gallery.Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value).ToList();
        Assert.Equal(30, titles.Count(t => Regex.IsMatch(t, @"^(✗ )?(background|face)$")));
        ChapterAssert.Matches(nb.Cell("predict"), @"lfw-\d{3}\.png: (background|face) \(\d+\.\d%\)");
        ChapterAssert.Image(nb.Cell("predict"));
    }

    [Fact]
    public void The_weights_are_saved_reloaded_and_a_wrong_file_is_refused()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("save"), @"saved simplenet\.safetensors: 4,1\d\d,\d{3} bytes");
        ChapterAssert.Matches(nb.Cell("save"), @"the reloaded model gives the same scores: True");
        ChapterAssert.Matches(nb.Cell("wrong-file"), @"Missing key\(s\) in state_dict: ""fc1\.weight""");
        ChapterAssert.Matches(nb.Cell("wrong-file"), @"Unexpected key\(s\) in state_dict: ""0\.weight""");
    }
}

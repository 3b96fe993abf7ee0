using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Torchbook.Chapters.Tests;

public sealed class Chapter03Run() : ChapterFixture("03-data.ipynb");

/// <summary>
/// Chapter 3 in quick mode: Fashion-MNIST as a dataset, a custom dataset over PNG files and a CSV,
/// DataLoader batches and transforms. Which samples the seeded grid and the shuffled loader pick is
/// compared with PyTorch (tests/parity/make_chapter3_goldens.py); the custom dataset's sample 0 is
/// checked against Fashion-MNIST's own test labels file.
/// </summary>
public sealed class Chapter03DataTests(Chapter03Run chapter) : IClassFixture<Chapter03Run>
{
    private static JsonElement Golden => JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Golden("chapters", "03-data.json"))).RootElement;

    private static long[] Longs(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    private static long[] Listed(string text) => text.Split(',').Select(s => long.Parse(s.Trim())).ToArray();

    [Fact]
    public void Runs_without_errors() => ChapterAssert.NoErrors(chapter.Notebook);

    [Fact]
    public void The_datasets_have_60000_and_10000_samples_of_one_by_28_by_28()
    {
        var cell = chapter.Notebook.Cell("one-sample");
        ChapterAssert.Matches(cell, @"60,000 training samples, 10,000 test samples");
        ChapterAssert.Matches(cell, @"sample 0: image \[1, 28, 28\] Float32, values 0 to 1; label tensor\(9\)");
    }

    [Fact]
    public void The_sample_grid_shows_the_nine_samples_PyTorch_picks_with_their_class_names()
    {
        var cell = chapter.Notebook.Cell("sample-grid");
        var indices = Listed(ChapterAssert.Matches(cell, @"indices: ([\d, ]+)").Groups[1].Value);
        Assert.Equal(Longs(Golden.GetProperty("grid_indices")), indices);

        var svg = ChapterAssert.Svg(cell);
        Assert.Equal(9, svg.Descendants().Count(e => e.Name.LocalName == "image"));
        string[] names = ["T-Shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle Boot"];
        var captions = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        foreach (var label in Longs(Golden.GetProperty("grid_labels")))
            Assert.Contains(names[label], captions);
    }

    [Fact]
    public void The_custom_dataset_reads_back_the_files_it_wrote()
    {
        var nb = chapter.Notebook;
        var files = ChapterAssert.QuickValue(nb, "filesToWrite");
        ChapterAssert.Matches(nb.Cell("write-files"), $@"wrote {files} PNG files and labels\.csv");
        var cell = nb.Cell("custom-dataset");
        ChapterAssert.Matches(cell, $@"custom dataset: {files} samples");
        var label = (long)ChapterAssert.Number(cell, @"sample 0: image \[1, 28, 28\] Float32, label (\d+) ");
        Assert.Equal(FirstTestLabel(), label);
        ChapterAssert.Matches(cell, @"same pixels as test image 0: True");
        // 200 files in batches of 64: three full batches and one of 8.
        var shapes = Regex.Matches(nb.Cell("custom-loader").Text, @"images \[(\d+), 1, 28, 28\], labels \[(\d+)\]").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Enumerable.Repeat("64", files / 64).Append((files % 64).ToString()), shapes);
    }

    [Fact]
    public void The_loader_gives_batches_of_64_in_PyTorchs_shuffled_order()
    {
        var nb = chapter.Notebook;
        var first = nb.Cell("first-batch");
        ChapterAssert.Matches(first, @"Feature batch shape: \[64, 1, 28, 28\]");
        ChapterAssert.Matches(first, @"Labels batch shape: \[64\]");
        var passes = Golden.GetProperty("shuffled_first_labels").EnumerateArray().Select(Longs).ToList();
        Assert.Equal(passes[0], Listed(ChapterAssert.Matches(first, @"first labels: ([\d, ]+)").Groups[1].Value));
        var shuffle = nb.Cell("shuffle");
        Assert.Equal(passes[1], Listed(ChapterAssert.Matches(shuffle, @"shuffled, pass 2: +([\d, ]+)").Groups[1].Value));
        Assert.Equal(passes[2], Listed(ChapterAssert.Matches(shuffle, @"shuffled, pass 3: +([\d, ]+)").Groups[1].Value));
        var inOrder = Longs(Golden.GetProperty("in_order_first_labels"));
        Assert.Equal(inOrder, Listed(ChapterAssert.Matches(shuffle, @"not shuffled: +([\d, ]+)").Groups[1].Value));
        Assert.Equal(inOrder, Listed(ChapterAssert.Matches(shuffle, @"not shuffled again: +([\d, ]+)").Groups[1].Value));
    }

    [Fact]
    public void One_image_and_a_batch_are_shown_with_their_labels()
    {
        var nb = chapter.Notebook;
        var label = (long)ChapterAssert.Number(nb.Cell("one-image"), @"image \[28, 28\], Label: (\d+)");
        Assert.Equal(Golden.GetProperty("shuffled_first_labels")[0][0].GetInt64(), label);
        ChapterAssert.Image(nb.Cell("one-image"));
        Assert.Equal(16, ChapterAssert.Svg(nb.Cell("batch-grid")).Descendants().Count(e => e.Name.LocalName == "image"));
    }

    [Fact]
    public void Transforms_scale_normalise_and_one_hot_encode()
    {
        var nb = chapter.Notebook;
        ChapterAssert.Matches(nb.Cell("to-tensor"), @"read_image: \[1, 28, 28\] Byte");
        ChapterAssert.Matches(nb.Cell("to-tensor"), @"ToTensor\(\): \[1, 28, 28\] Float32");
        ChapterAssert.Matches(nb.Cell("normalize-stats"), @"mean 0\.2860, standard deviation 0\.3530");
        ChapterAssert.Matches(nb.Cell("one-hot"), @"label tensor\(3\) -> tensor\(\[0\., 0\., 0\., 1\., 0\., 0\., 0\., 0\., 0\., 0\.\]\)");
        var transformed = nb.Cell("transformed-dataset");
        ChapterAssert.Matches(transformed, @"label 9 -> tensor\(\[0\., 0\., 0\., 0\., 0\., 0\., 0\., 0\., 0\., 1\.\]\)");
        ChapterAssert.Matches(transformed, @"Feature batch shape: \[64, 1, 28, 28\], Labels batch shape: \[64, 10\]");
        ChapterAssert.Svg(nb.Cell("normalize-picture"));
    }

    /// <summary>The label of Fashion-MNIST's first test image, read from the IDX file itself (where the dataset finds it).</summary>
    private static long FirstTestLabel()
    {
        var data = Environment.GetEnvironmentVariable("TORCHBOOK_DATA") is { Length: > 0 } d ? d : Path.Combine(RepositoryPaths.Root, "data");
        var candidates = new[] { Path.Combine(data, "FashionMNIST", "raw"), Path.Combine(data, "FashionMNIST"), "/usr/share/datasets/fashion-mnist" }
            .SelectMany(folder => new[] { Path.Combine(folder, "t10k-labels-idx1-ubyte"), Path.Combine(folder, "t10k-labels-idx1-ubyte.gz") });
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("Fashion-MNIST's t10k-labels-idx1-ubyte was not found: run data-scripts/fashion-mnist.sh");
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var header = new byte[9];
        stream.ReadExactly(header);
        return header[8]; // 4 bytes magic number, 4 bytes count, then one byte per label
    }
}

using Torchbook.Plots;

namespace Torchbook.Plots.Tests;

/// <summary>Sample charts shared by the tests and written as pictures to output/plots-gallery for people to look at.</summary>
internal static class Gallery
{
    public static string OutputFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Torchbook.slnx"))) dir = dir.Parent;
            var root = dir?.FullName ?? Path.GetTempPath();
            var folder = Path.Combine(root, "output", "plots-gallery");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>An LR-finder-like curve: flat, then falling, then exploding, with a NaN at the end.</summary>
    public static XYChart LearningRateFinder()
    {
        var lrs = new List<double>();
        var losses = new List<double>();
        for (int i = 0; i <= 100; i++)
        {
            double lr = Math.Pow(10, -7 + 8.0 * i / 100);
            lrs.Add(lr);
            double t = Math.Log10(lr);
            losses.Add(2.3 - 1.6 / (1 + Math.Exp(-(t + 3.5) * 2.5)) + (t > -1.2 ? Math.Min(3.5, Math.Exp((t + 1.2) * 3) - 1) : 0) + 0.02 * Math.Sin(i));
        }
        losses[^1] = double.NaN;
        return Plot.LearningRateFinder(lrs, losses, suggested: 3e-4);
    }

    public static XYChart TrainingCurves()
    {
        var train = Enumerable.Range(1, 20).Select(e => 2.0 * Math.Exp(-e / 5.0) + 0.1).ToArray();
        var valid = Enumerable.Range(1, 20).Select(e => 2.1 * Math.Exp(-e / 6.0) + 0.2 + (e > 14 ? (e - 14) * 0.03 : 0)).ToArray();
        return Plot.Lines(Enumerable.Range(1, 20), [("train", train), ("valid", valid)], title: "Loss per epoch", xTitle: "epoch", yTitle: "cross-entropy loss");
    }

    /// <summary>The autograd graph of a one-layer network's loss, drawn the way torchviz's make_dot draws it.</summary>
    public static GraphChart ComputationGraph() => Plot.Graph(
        [
            new("loss", "loss\n[]", NodeStyle.Output),
            new("bce", "BinaryCrossEntropyWithLogitsBackward0"),
            new("add", "AddBackward0"),
            new("squeeze", "SqueezeBackward3"),
            new("mm", "MmBackward0"),
            new("w", "w\n[5, 3]", NodeStyle.Input),
            new("b", "b\n[3]", NodeStyle.Input),
        ],
        [new("loss", "bce"), new("bce", "add"), new("add", "squeeze"), new("squeeze", "mm"), new("mm", "w"), new("add", "b")],
        title: "loss.grad_fn and what it leads to");

    public static readonly string[] FashionClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static Heatmap ConfusionMatrix()
    {
        var rng = new Random(1);
        var counts = new int[10, 10];
        for (int r = 0; r < 10; r++)
            for (int c = 0; c < 10; c++)
                counts[r, c] = r == c ? 800 + rng.Next(180) : rng.Next(10) < 6 ? rng.Next(40) : 0;
        counts[6, 0] = 120; counts[0, 6] = 95; counts[4, 2] = 77;
        return Plot.ConfusionMatrix(counts, FashionClasses);
    }

    /// <summary>A synthetic mel spectrogram: 64 bins x 200 frames, a rising tone over noise.</summary>
    public static Heatmap Spectrogram() => Plot.Spectrogram(SpectrogramValues(), sampleRate: 16000, hopLength: 160, title: "Mel spectrogram");

    public static double[,] SpectrogramValues()
    {
        var rng = new Random(2);
        var v = new double[64, 200];
        for (int b = 0; b < 64; b++)
            for (int f = 0; f < 200; f++)
            {
                double centre = 8 + f * 0.2;
                v[b, f] = -80 + 10 * rng.NextDouble() + 70 * Math.Exp(-Math.Pow(b - centre, 2) / 4) + 40 * Math.Exp(-Math.Pow(b - 2 * centre, 2) / 6);
            }
        return v;
    }

    public static BarChart ClassCounts() =>
        Plot.Bar(FashionClasses, new[] { 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000 }.Select((n, i) => n - i * 310),
            title: "Examples per class", yTitle: "examples");

    public static XYChart Histogram()
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 5000).Select(_ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();
        return Plot.Histogram(values, bins: 30, title: "Weights after init", xTitle: "weight");
    }

    public static XYChart ScatterClasses()
    {
        var rng = new Random(4);
        var x = new List<double>(); var y = new List<double>(); var c = new List<int>();
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 60; i++)
            {
                x.Add(Math.Cos(k * 2.1) * 3 + rng.NextDouble() * 2); y.Add(Math.Sin(k * 2.1) * 3 + rng.NextDouble() * 2); c.Add(k);
            }
        return Plot.Scatter(x, y, classes: c, classNames: ["setosa", "versicolor", "virginica"], title: "Two features", xTitle: "feature 1", yTitle: "feature 2");
    }

    /// <summary>Nine procedural 28x28 grayscale pictures (rings, bars, checks...) titled with class names.</summary>
    public static ImageChart SampleGrid()
    {
        var images = new List<Image>();
        for (int k = 0; k < 9; k++)
        {
            var px = new float[28 * 28];
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                {
                    double dx = x - 13.5, dy = y - 13.5, r = Math.Sqrt(dx * dx + dy * dy);
                    double v = (k % 3) switch
                    {
                        0 => Math.Abs(r - 4 - k) < 2.5 ? 1 : 0,
                        1 => Math.Abs(dx) < 2 + k / 3 || Math.Abs(dy) < 2 ? 0.9 : 0.05,
                        _ => ((x / (2 + k / 3)) + (y / (2 + k / 3))) % 2 == 0 ? 0.8 * (1 - r / 20) : 0,
                    };
                    px[y * 28 + x] = (float)v;
                }
            images.Add(Image.FromPixels(px, [1, 28, 28]));
        }
        return Plot.ImageGrid(images, FashionClasses.Take(9), columns: 3, title: "Training samples");
    }

    /// <summary>A 64x64 RGB picture stored normalised with ImageNet's mean and std, shown un-normalised.</summary>
    public static ImageChart NormalisedRgb()
    {
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];
        int n = 64;
        var chw = new float[3 * n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                float[] rgb = [x / (n - 1f), y / (n - 1f), (float)(0.5 + 0.5 * Math.Sin((x + y) / 6.0))];
                for (int c = 0; c < 3; c++) chw[(c * n + y) * n + x] = (rgb[c] - mean[c]) / std[c];
            }
        return Plot.Image(chw, [3, n, n], mean: mean, std: std, title: "Un-normalised RGB");
    }

    /// <summary>Centre frequencies (Hz) of <paramref name="bins"/> mel bins evenly spaced in mel from 0 to <paramref name="maxHz"/>.</summary>
    public static double[] MelFrequencies(int bins, double maxHz)
    {
        double maxMel = 2595 * Math.Log10(1 + maxHz / 700);
        return Enumerable.Range(0, bins).Select(b => 700 * (Math.Pow(10, (b + 0.5) * maxMel / bins / 2595) - 1)).ToArray();
    }

    /// <summary>Awkward inputs that must still look right: small sizes, long names, many series, extreme numbers.</summary>
    public static Dictionary<string, Chart> EdgeCases()
    {
        var small = Plot.Line(new[] { 1.0, 3, 2, 5 }, title: "A rather long title for such a small chart indeed",
            xTitle: "an axis title that is much too long to fit", yTitle: "another very long axis title here", width: 320, height: 200);
        var many = new XYChart("Eight series", "x", "y");
        for (int k = 0; k < 8; k++) many.AddLine(Enumerable.Range(0, 30).Select(i => Math.Sin(i / 5.0 + k) + k * 0.3), $"series number {k} with a long name");
        var huge = Plot.Lines([("big", new[] { 1.2e6, 3.4e6, 9.9e6 }), ("bigger", new[] { 2e6, 5e6, 1.2e7 })], title: "Large values");
        var tiny = Plot.Line(new[] { 1e-6, 2e-6, 3.5e-6 }, new[] { 0.00012, 0.00031, 0.00009 }, title: "Tiny values");
        var negBars = Plot.Bar(["a", "b", "c", "d"], new[] { 3.5, -2.25, double.NaN, 0.75 }, title: "Negative and missing bars");
        var manyBars = Plot.Bar(Enumerable.Range(0, 100).Select(i => $"c{i}"), Enumerable.Range(0, 100).Select(i => Math.Sqrt(i)), title: "100 categories");
        var loglog = Plot.Line(new[] { 0.02, 0.05, 0.1, 0.3 }, new[] { 3.0, 1.0, 0.5, 0.2 }, logX: true, logY: true, title: "Narrow log-log");
        var dense = new double[30, 30];
        for (int r = 0; r < 30; r++) for (int c = 0; c < 30; c++) dense[r, c] = r * c;
        var denseHm = Plot.Heatmap(dense, annotate: true, title: "30 x 30 annotated");
        var two = Plot.ConfusionMatrix(new[,] { { 50, 3 }, { 7, 40 } }, ["negative", "positive"], title: "Binary");
        var norm = Plot.ConfusionMatrix(new[,] { { 50, 3, 1 }, { 7, 40, 0 }, { 2, 2, 60 } }, ["cat", "dog", "bird"], normalize: true);
        return new()
        {
            ["edge-small"] = small, ["edge-many-series"] = many, ["edge-huge"] = huge, ["edge-tiny"] = tiny,
            ["edge-negative-bars"] = negBars, ["edge-many-bars"] = manyBars, ["edge-loglog"] = loglog,
            ["edge-dense-heatmap"] = denseHm, ["edge-binary-cm"] = two, ["edge-normalised-cm"] = norm,
        };
    }

    public static ChartGrid LossAndAccuracy()
    {
        var acc = Enumerable.Range(1, 20).Select(e => 0.95 - 0.5 * Math.Exp(-e / 4.0)).ToArray();
        var accuracy = Plot.Lines(Enumerable.Range(1, 20), [("valid", acc)], title: "Accuracy", xTitle: "epoch", yTitle: "accuracy");
        var loss = TrainingCurves();
        loss.Width = accuracy.Width = 460;
        return Plot.Grid([loss, accuracy], title: "Training");
    }
}

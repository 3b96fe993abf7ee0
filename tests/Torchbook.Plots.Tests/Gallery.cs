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
        var epochs = Enumerable.Range(1, 20).Select(e => (double)e);
        return Plot.Lines([("train", train), ("valid", valid)], x: epochs, title: "Loss per epoch", xTitle: "epoch", yTitle: "cross-entropy loss");
    }
}

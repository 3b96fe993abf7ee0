using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision;

/// <summary>
/// Chapter 8's offline stand-in for PyTorch's ants-and-bees folder: Fashion-MNIST's shirts and T-shirts (two classes
/// that look alike, as ants and bees do), in the same layout and the same numbers as <c>hymenoptera_data</c>:
/// <c>shirts-or-t-shirts/train/{shirt,t-shirt}</c> with 123 and 121 images (the ants' and bees' 244) and
/// <c>val/{shirt,t-shirt}</c> with 70 and 83 (their 153). <see cref="Create"/> writes them as 28 x 28 grey PNG files:
/// the first images of each class in Fashion-MNIST's training set for train and in its test set for val, named
/// <c>fmnist-{train,test}-NNNNN.png</c> after their index there.
/// </summary>
public static class ShirtsImageFolder
{
    /// <summary>The folder's name inside the data folder.</summary>
    public const string FolderName = "shirts-or-t-shirts";

    /// <summary>The class folders (sorted, as ImageFolder numbers them) and their Fashion-MNIST labels.</summary>
    public static IReadOnlyList<(string Folder, int Label)> Classes { get; } = [("shirt", 6), ("t-shirt", 0)];

    /// <summary>Images per split and class, in <see cref="Classes"/> order: the ants' and bees' counts.</summary>
    public static IReadOnlyDictionary<string, int[]> Counts { get; } = new Dictionary<string, int[]> { ["train"] = [123, 121], ["val"] = [70, 83] };

    /// <summary>The file that describes the folder and records how it was made.</summary>
    public const string ReadmeFile = "README.txt";

    private const string Version = "first 123/121 and 70/83 of labels 6 and 0; version 1";

    /// <summary>
    /// Writes the image folder into <c>root/shirts-or-t-shirts</c> unless it is there already, and returns its path; root
    /// defaults to the data folder, and Fashion-MNIST is read as <see cref="datasets.FashionMNIST"/> reads it. The files are
    /// made in a temporary folder renamed into place when complete; every run makes the same files.
    /// </summary>
    /// <exception cref="FileNotFoundException">Fashion-MNIST is not there (the message names the script that fetches it).</exception>
    public static string Create(string? root = null)
    {
        var full = Path.Combine(Path.GetFullPath(root ?? DataFolder.Root), FolderName);
        var readme = Path.Combine(full, ReadmeFile);
        bool Present() => File.Exists(readme) && File.ReadAllText(readme).Contains(Version, StringComparison.Ordinal);
        return AtomicFolder.Create(full, Present, temporary =>
        {
            foreach (var (split, train) in new[] { ("train", true), ("val", false) })
            {
                using var fashion = datasets.FashionMNIST(root, train: train);
                var labels = fashion.targets.data<long>().ToArray();
                for (int c = 0; c < Classes.Count; c++)
                {
                    var (folderName, label) = Classes[c];
                    var folder = Path.Combine(temporary, split, folderName);
                    Directory.CreateDirectory(folder);
                    var indices = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).Take(Counts[split][c]).ToList();
                    if (indices.Count < Counts[split][c])
                        throw new InvalidDataException($"Fashion-MNIST's {(train ? "training" : "test")} set holds only {indices.Count} images of label {label}; it is damaged. Run `bash {DataFolder.Script("fashion-mnist.sh")}`.");
                    foreach (var i in indices)
                    {
                        using var image = fashion.data[i].unsqueeze(0).contiguous();
                        torchvision.io.write_png(image, Path.Combine(folder, $"fmnist-{(train ? "train" : "test")}-{i:00000}.png"));
                    }
                }
            }
            File.WriteAllText(Path.Combine(temporary, ReadmeFile),
                "Shirts or T-shirts: 397 grey 28 x 28 photographs of clothing from Fashion-MNIST (Xiao, Rasul and Vollgraf,\n" +
                "Zalando Research, 2017; MIT licence), in the layout and numbers of PyTorch's ants-and-bees folder\n" +
                "(hymenoptera_data): train 123 shirts and 121 T-shirts from the training set, val 70 and 83 from the test set,\n" +
                "the first of each label. A stand-in for chapter 8, written by Torchbook.Vision.ShirtsImageFolder.\n" +
                "fmnist-train-NNNNN.png is image NNNNN of Fashion-MNIST's training set (test: of its test set).\n" +
                Version + "\n");
        });
    }
}

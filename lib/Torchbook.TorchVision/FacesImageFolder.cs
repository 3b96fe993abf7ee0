using TorchSharp;
using Torchbook.Vision.Datasets;
using static TorchSharp.torch;

namespace Torchbook.Vision;

/// <summary>
/// A two-class image folder of real photographs: 100 faces and 100 patches of background, 25 x 25 grey crops
/// from Labeled Faces in the Wild as scikit-image ships them (<c>lfw_subset.npy</c>, fetched with the sample photos by
/// <c>data-scripts/sample-photos.sh</c>). <see cref="Create"/> writes them as PNG files in the layout torchvision's
/// ImageFolder reads, split once and for all into training, validation and test folders:
/// <c>faces-or-background/{train,val,test}/{background,face}/lfw-NNN.png</c> (70, 15 and 15 of each class; NNN is the
/// crop's index in lfw_subset.npy).
/// </summary>
public static class FacesImageFolder
{
    /// <summary>The folder's name inside the data folder.</summary>
    public const string FolderName = "faces-or-background";

    /// <summary>The split folders, in the order they are filled.</summary>
    public static IReadOnlyList<string> Splits { get; } = ["train", "val", "test"];

    /// <summary>The class folders: lfw_subset's first 100 crops are faces, the next 100 background.</summary>
    public static IReadOnlyList<string> Classes { get; } = ["background", "face"];

    /// <summary>The file that describes the folder and records how it was made.</summary>
    public const string ReadmeFile = "README.txt";

    private const int PerClass = 100, TrainPerClass = 70, ValPerClass = 15;
    private const string Version = "split seed 0, 70/15/15 per class; version 1";

    /// <summary>
    /// Writes the image folder into <c>root/faces-or-background</c> unless it is there already, and returns its path;
    /// root defaults to the data folder. The files are made in a temporary folder that is renamed into place when
    /// complete, so an interrupted run leaves nothing half-written; every run makes the same files.
    /// </summary>
    /// <exception cref="FileNotFoundException">lfw_subset.npy has not been fetched (the message names the script).</exception>
    /// <exception cref="InvalidDataException">lfw_subset.npy is not the 200 x 25 x 25 array scikit-image ships.</exception>
    public static string Create(string? root = null)
    {
        var full = Path.Combine(Path.GetFullPath(root ?? DataFolder.Root), FolderName);
        var readme = Path.Combine(full, ReadmeFile);
        bool Present() => File.Exists(readme) && File.ReadAllText(readme).Contains(Version, StringComparison.Ordinal);
        return AtomicFolder.Create(full, Present, temporary =>
        {
            var source = SamplePhotos.PathOf(SamplePhotos.LfwSubset.Name, root);
            var remedy = $"Fetch it again: delete it and run `bash {SamplePhotos.Script}`.";
            var (shape, values) = NpyFile.ReadFloat64(source, remedy);
            if (!shape.SequenceEqual([2L * PerClass, 25, 25]))
                throw new InvalidDataException($"{source}: expected 200 crops of 25 x 25 pixels, found shape ({string.Join(", ", shape)}). {remedy}");
            for (int c = 0; c < Classes.Count; c++)
            {
                var order = Enumerable.Range(0, PerClass).ToArray();
                new Random(c).Shuffle(order);
                for (int k = 0; k < PerClass; k++)
                {
                    var split = k < TrainPerClass ? "train" : k < TrainPerClass + ValPerClass ? "val" : "test";
                    var index = (Classes[c] == "face" ? 0 : PerClass) + order[k];
                    var folder = Path.Combine(temporary, split, Classes[c]);
                    Directory.CreateDirectory(folder);
                    var pixels = new byte[25 * 25];
                    for (int p = 0; p < pixels.Length; p++)
                        pixels[p] = (byte)Math.Clamp(Math.Round(values[index * pixels.Length + p] * 255), 0, 255);
                    using var image = tensor(pixels, [1L, 25, 25]);
                    torchvision.io.write_png(image, Path.Combine(folder, $"lfw-{index:000}.png"));
                }
            }
            File.WriteAllText(Path.Combine(temporary, ReadmeFile),
                "Faces and background: 200 real photographs (25 x 25 grey crops) from Labeled Faces in the Wild\n" +
                "(Huang, Mattar, Lee and Learned-Miller; http://vis-www.cs.umass.edu/lfw/), as scikit-image ships them\n" +
                "in skimage/data/lfw_subset.npy: the faces are crops of people's faces, the background crops come from\n" +
                "the same photographs. Written by Torchbook.Vision.FacesImageFolder from data/sample-photos/lfw_subset.npy\n" +
                "(data-scripts/sample-photos.sh fetches it). lfw-NNN.png is crop NNN of the array.\n" +
                Version + "\n");
        });
    }
}

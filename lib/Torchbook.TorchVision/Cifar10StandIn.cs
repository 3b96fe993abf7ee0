using Torchbook.Vision.Datasets;

namespace Torchbook.Vision;

/// <summary>
/// The offline stand-in for CIFAR-10, for machines that cannot download it: Fashion-MNIST's real photographs of clothes,
/// written in CIFAR-10's binary format and sizes, so that <see cref="datasets.CIFAR10"/> and every line of a chapter
/// read it as they read CIFAR-10. Each 28x28 grey image is centred on a black 32x32 canvas and its grey copied into
/// the red, green and blue planes; the first 50,000 training images make the five training batches, the 10,000 test
/// images the test batch; <c>batches.meta.txt</c> holds Fashion-MNIST's class names, so label 0 is T-shirt/top and 2
/// is Pullover where CIFAR-10 has airplane and bird. <c>STAND-IN.txt</c> says all this beside the files.
/// </summary>
public static class Cifar10StandIn
{
    /// <summary>The stand-in's folder inside the data folder.</summary>
    public const string FolderName = "CIFAR10-standin";

    /// <summary>The file that marks the folder as a stand-in.</summary>
    public const string MarkerFile = "STAND-IN.txt";

    private const string Version = "Fashion-MNIST padded to 32x32, grey in all three channels; version 1";

    /// <summary>
    /// Writes the stand-in into <c>root/CIFAR10-standin</c> unless it is there already, and returns that folder, which
    /// <c>datasets.CIFAR10(root: ...)</c> reads. root defaults to the data folder; Fashion-MNIST is read from it (or from
    /// Debian's dataset-fashion-mnist). The files are written in a temporary folder renamed into place when complete.
    /// </summary>
    /// <exception cref="FileNotFoundException">Fashion-MNIST is missing (the message names its script).</exception>
    public static string Create(string? root = null)
    {
        var dataRoot = Path.GetFullPath(root ?? DataFolder.Root);
        var full = Path.Combine(dataRoot, FolderName);
        var marker = Path.Combine(full, MarkerFile);
        bool Present() => File.Exists(marker) && File.ReadAllText(marker).Contains(Version, StringComparison.Ordinal)
                          && Datasets.CIFAR10.IsAvailable(full);
        return AtomicFolder.Create(full, Present, temporary =>
        {
            var batches = Path.Combine(temporary, Datasets.CIFAR10.BatchesFolder);
            Directory.CreateDirectory(batches);
            string[] classes;
            using (var trainSet = datasets.FashionMNIST(dataRoot, train: true))
            {
                classes = trainSet.classes.ToArray();
                var (images, labels) = (trainSet.data.data<byte>().ToArray(), trainSet.targets.data<long>().ToArray());
                for (int b = 0; b < Datasets.CIFAR10.TrainBatches.Length; b++)
                    WriteBatch(Path.Combine(batches, Datasets.CIFAR10.TrainBatches[b]), images, labels, b * 10_000, 10_000);
            }
            using (var testSet = datasets.FashionMNIST(dataRoot, train: false))
            {
                var (images, labels) = (testSet.data.data<byte>().ToArray(), testSet.targets.data<long>().ToArray());
                WriteBatch(Path.Combine(batches, Datasets.CIFAR10.TestBatches[0]), images, labels, 0, 10_000);
            }
            File.WriteAllLines(Path.Combine(batches, Datasets.CIFAR10.MetaFile), classes);
            File.WriteAllText(Path.Combine(temporary, MarkerFile),
                "A STAND-IN for CIFAR-10, not CIFAR-10: Fashion-MNIST's photographs of clothes (Zalando Research), each 28x28\n" +
                "grey image centred on a black 32x32 canvas with its grey in all three colour channels, in CIFAR-10's binary\n" +
                "format (written by Torchbook.Vision.Cifar10StandIn). Its classes are Fashion-MNIST's: label 0 is T-shirt/top\n" +
                "and label 2 Pullover, where CIFAR-10 has airplane and bird. Fetch the real data set with data-scripts/cifar10.sh.\n" +
                Version + "\n");
        });
    }

    /// <summary>True when <paramref name="cifarRoot"/> (a folder <c>datasets.CIFAR10</c> reads) is this stand-in.</summary>
    public static bool IsStandIn(string cifarRoot) => File.Exists(Path.Combine(cifarRoot, MarkerFile));

    // Images first..first+count-1 of a 28x28 grey set as CIFAR-10 records: label, then the padded image three times.
    private static void WriteBatch(string path, byte[] images, long[] labels, int first, int count)
    {
        var records = new byte[count * Datasets.CIFAR10.RecordBytes];
        for (int i = 0; i < count; i++)
        {
            int record = i * Datasets.CIFAR10.RecordBytes;
            records[record] = checked((byte)labels[first + i]);
            for (int channel = 0; channel < 3; channel++)
                for (int y = 0; y < 28; y++)
                    Buffer.BlockCopy(images, (first + i) * 784 + y * 28,
                        records, record + 1 + channel * 1024 + (y + 2) * 32 + 2, 28);
        }
        File.WriteAllBytes(path, records);
    }
}

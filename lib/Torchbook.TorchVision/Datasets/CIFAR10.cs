using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision
{
    public static partial class datasets
    {
        /// <summary>
        /// CIFAR-10 (Alex Krizhevsky's 60,000 32x32 colour images in 10 classes: 50,000 for training in five batches,
        /// 10,000 for testing), from the binary version that <c>data-scripts/cifar10.sh</c> fetches into
        /// <c>root/CIFAR10/cifar-10-batches-bin</c> (<c>root/cifar-10-batches-bin</c> is read too); root defaults to
        /// the data folder. torchvision reads the Python version of the same images; TorchVision 0.107's CIFAR10 gives
        /// dictionary items and no class names.
        /// Items are <c>(image, label)</c>: the image a float32 3x32x32 tensor in [0, 1] (what ToTensor gives), or, with
        /// a <paramref name="transform"/>, what it makes of the uint8 3x32x32 image; the label an int64 scalar, or what
        /// <paramref name="target_transform"/> makes of it. <see cref="Datasets.CIFAR10.classes"/> comes from the
        /// folder's batches.meta.txt.
        /// </summary>
        /// <exception cref="FileNotFoundException">the batch files are not there (the message names the script).</exception>
        /// <exception cref="InvalidDataException">a batch file is truncated or holds a label with no class.</exception>
        public static Datasets.CIFAR10 CIFAR10(string? root = null, bool train = true,
            torchvision.ITransform? transform = null, torchvision.ITransform? target_transform = null, bool download = false) =>
            new(root, train, download, transform, target_transform);
    }
}

namespace Torchbook.Vision.Datasets
{
    /// <summary>CIFAR-10's binary batches held in memory. See <see cref="Vision.datasets.CIFAR10"/>.</summary>
    public class CIFAR10 : InMemoryImageDataset
    {
        /// <summary>The folder the batch files are in.</summary>
        public const string BatchesFolder = "cifar-10-batches-bin";

        /// <summary>The record of one image: its label byte, then 1,024 red, 1,024 green and 1,024 blue bytes.</summary>
        public const int RecordBytes = 1 + 3 * 32 * 32;

        internal static readonly string[] TrainBatches = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
        internal static readonly string[] TestBatches = ["test_batch.bin"];
        internal const string MetaFile = "batches.meta.txt";

        private static string Remedy => $"Run {DataFolder.Script("cifar10.sh")} to fetch CIFAR-10 (binary version) with its checksum.";

        internal CIFAR10(string? root, bool train, bool download, torchvision.ITransform? transform, torchvision.ITransform? target_transform)
        {
            this.root = Path.GetFullPath(root ?? DataFolder.Root);
            this.train = train;
            this.transform = transform;
            this.target_transform = target_transform;
            folder = FolderUnder(this.root) ?? throw Missing(this.root, download);

            var meta = Path.Combine(folder, MetaFile);
            classes = File.Exists(meta)
                ? File.ReadAllLines(meta).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()
                : throw new FileNotFoundException($"CIFAR-10: {meta} (the class names) is missing. {Remedy}", meta);

            var files = (train ? TrainBatches : TestBatches).Select(f => Path.Combine(folder, f)).ToArray();
            var records = new List<byte[]>();
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.Length == 0 || bytes.Length % RecordBytes != 0)
                    throw new InvalidDataException($"{file}: {bytes.Length:N0} bytes is not a whole number of {RecordBytes}-byte records (CIFAR-10's batches hold 10,000 each, 30,730,000 bytes); the file is truncated or is not a CIFAR-10 binary batch. {Remedy}");
                records.Add(bytes);
            }
            long count = records.Sum(r => (long)(r.Length / RecordBytes));
            var pixels = new byte[count * (RecordBytes - 1)];
            var labels = new long[count];
            long n = 0;
            foreach (var (bytes, file) in records.Zip(files))
                for (int offset = 0; offset < bytes.Length; offset += RecordBytes, n++)
                {
                    if (bytes[offset] >= classes.Count)
                        throw new InvalidDataException($"{file}: record {offset / RecordBytes} has label {bytes[offset]}, but {MetaFile} names {classes.Count} classes. {Remedy}");
                    labels[n] = bytes[offset];
                    Buffer.BlockCopy(bytes, offset + 1, pixels, (int)(n * (RecordBytes - 1)), RecordBytes - 1);
                }
            batch_files = files;
            SetData(tensor(pixels, [count, 3, 32, 32]), labels);
        }

        /// <summary>True when <paramref name="root"/> (default: the data folder) holds the six batch files and the class names.</summary>
        public static bool IsAvailable(string? root = null) => FolderUnder(Path.GetFullPath(root ?? DataFolder.Root)) is not null;

        private static string? FolderUnder(string root) =>
            new[] { Path.Combine(root, "CIFAR10", BatchesFolder), Path.Combine(root, BatchesFolder) }
                .FirstOrDefault(f => TrainBatches.Concat(TestBatches).Append(MetaFile).All(b => File.Exists(Path.Combine(f, b))));

        private static FileNotFoundException Missing(string root, bool download)
        {
            var message = $"CIFAR-10 is not in {Path.Combine(root, "CIFAR10", BatchesFolder)} (nor in {Path.Combine(root, BatchesFolder)}): " +
                          $"expected {string.Join(", ", TrainBatches.Concat(TestBatches))} and {MetaFile}. {Remedy}";
            if (download) message += " (download: true does not fetch files from C#; the data script does, with checksums.)";
            return new FileNotFoundException(message);
        }

        /// <summary>The folder the data set was looked for under.</summary>
        public string root { get; }
        /// <summary>The folder the batch files were read from.</summary>
        public string folder { get; }
        public bool train { get; }
        /// <summary>The batch files read, in order.</summary>
        public IReadOnlyList<string> batch_files { get; }

        // narrow/index keeps what torchvision gives: 3 x 32 x 32
        protected override Tensor RawImage(long index) => data[index];

        public override string ToString() =>
            $"Dataset CIFAR10\n    Number of datapoints: {Count}\n    Root location: {root}\n    Split: {(train ? "Train" : "Test")}";
    }
}

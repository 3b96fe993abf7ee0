using TorchSharp;
using Torchbook.Vision.Datasets;
using static TorchSharp.torch;

namespace Torchbook.Vision
{
    /// <summary>
    /// MNIST and Fashion-MNIST as torchvision gives them: items <c>(image, label)</c>, files in
    /// <c>root/&lt;Name&gt;/raw</c>, <c>classes</c>, <c>data</c> and <c>targets</c>. TorchVision 0.107's
    /// datasets of the same names give dictionary items, read other folders and have no class names.
    /// </summary>
    public static partial class datasets
    {
        /// <summary>
        /// MNIST handwritten digits (60,000 training and 10,000 test images, 28x28 grey).
        /// Reads the IDX files (gzipped or not) from <c>root/MNIST/raw</c>; <paramref name="root"/>
        /// defaults to the project's data folder (<see cref="DataFolder.Root"/>).
        /// Items are <c>(image, label)</c>: image a float32 1x28x28 tensor in [0, 1] (what ToTensor
        /// gives), or, with a <paramref name="transform"/>, what it makes of the uint8 1x28x28
        /// image; label an int64 scalar, or what <paramref name="target_transform"/> makes of it.
        /// </summary>
        public static Datasets.MNIST MNIST(string? root = null, bool train = true,
            torchvision.ITransform? transform = null, torchvision.ITransform? target_transform = null, bool download = false) =>
            new(Datasets.MNIST.MnistInfo, root, train, download, transform, target_transform);

        /// <summary>
        /// Fashion-MNIST (Zalando's clothing images, MNIST's format and sizes). Reads the IDX
        /// files from <c>root/FashionMNIST/raw</c>, then from Debian's dataset-fashion-mnist
        /// (<c>/usr/share/datasets/fashion-mnist</c>); data-scripts/fashion-mnist.sh fetches them.
        /// Items as for <see cref="MNIST"/>; <see cref="Datasets.MNIST.classes"/> holds the class names.
        /// </summary>
        public static Datasets.FashionMNIST FashionMNIST(string? root = null, bool train = true,
            torchvision.ITransform? transform = null, torchvision.ITransform? target_transform = null, bool download = false) =>
            new(root, train, download, transform, target_transform);
    }
}

namespace Torchbook.Vision.Datasets
{
    /// <summary>An MNIST-format dataset held in memory. See <see cref="Vision.datasets.MNIST"/>.</summary>
    public class MNIST : InMemoryImageDataset
    {
        /// <summary>What tells one MNIST-format data set from another.</summary>
        public sealed record Info(string Name, string Folder, string[] Classes, string[] SystemFolders, string Remedy);

        internal static readonly Info MnistInfo = new("MNIST", "MNIST",
            ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"],
            [],
            "No data script fetches MNIST yet: put train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte " +
            "and t10k-labels-idx1-ubyte (gzipped or not) in <data folder>/MNIST/raw.");

        protected internal MNIST(Info info, string? root, bool train, bool download, torchvision.ITransform? transform, torchvision.ITransform? target_transform)
        {
            this.root = Path.GetFullPath(root ?? DataFolder.Root);
            this.train = train;
            this.transform = transform;
            this.target_transform = target_transform;
            classes = info.Classes;
            var split = train ? "train" : "t10k";
            var folders = new[] { Path.Combine(this.root, info.Folder, "raw"), Path.Combine(this.root, info.Folder) }.Concat(info.SystemFolders).ToArray();

            var imagesPath = Find(info, folders, $"{split}-images-idx3-ubyte", download);
            var labelsPath = Find(info, folders, $"{split}-labels-idx1-ubyte", download);
            var images = IdxFile.Read(imagesPath, info.Remedy);
            var labels = IdxFile.Read(labelsPath, info.Remedy);

            string Bad(string path, string what) => $"{path}: {what} {info.Remedy}";
            if (images.TypeCode != 0x08 || images.Dimensions.Length != 3)
                throw new InvalidDataException(Bad(imagesPath, $"expected unsigned bytes in 3 dimensions (images x rows x columns), found type 0x{images.TypeCode:x2} in {images.Dimensions.Length} dimensions."));
            if (labels.TypeCode != 0x08 || labels.Dimensions.Length != 1)
                throw new InvalidDataException(Bad(labelsPath, $"expected unsigned bytes in 1 dimension, found type 0x{labels.TypeCode:x2} in {labels.Dimensions.Length} dimensions."));
            if (labels.Dimensions[0] != images.Dimensions[0])
                throw new InvalidDataException(Bad(labelsPath, $"holds {labels.Dimensions[0]} labels but {imagesPath} holds {images.Dimensions[0]} images."));
            var labelValues = new long[labels.Data.Length];
            for (int i = 0; i < labelValues.Length; i++)
            {
                if (labels.Data[i] >= classes.Count)
                    throw new InvalidDataException(Bad(labelsPath, $"label {i} is {labels.Data[i]}, but there are only {classes.Count} classes."));
                labelValues[i] = labels.Data[i];
            }

            images_file = imagesPath;
            labels_file = labelsPath;
            SetData(images.ToTensor(), labelValues);
        }

        private static string Find(Info info, string[] folders, string baseName, bool download)
        {
            foreach (var folder in folders)
                foreach (var name in new[] { baseName, baseName + ".gz" })
                {
                    var path = Path.Combine(folder, name);
                    if (File.Exists(path)) return path;
                }
            var message = $"{info.Name}: {baseName} (or {baseName}.gz) was not found. Looked in: {string.Join(", ", folders)}. {info.Remedy}";
            if (download)
                message += " (download: true does not fetch files from C#; the data script does, with checksums.)";
            throw new FileNotFoundException(message, baseName);
        }

        /// <summary>The folder the data set was looked for under.</summary>
        public string root { get; }
        public bool train { get; }
        /// <summary>The images file read.</summary>
        public string images_file { get; }
        /// <summary>The labels file read.</summary>
        public string labels_file { get; }

        // narrow/index keeps what torchvision gives: 1 x 28 x 28 for MNIST
        protected override Tensor RawImage(long index) => data.narrow(0, index, 1);

        public override string ToString() =>
            $"Dataset {GetType().Name}\n    Number of datapoints: {Count}\n    Root location: {root}\n    Split: {(train ? "Train" : "Test")}\n    Files: {images_file}, {labels_file}";
    }

    /// <summary>Fashion-MNIST. See <see cref="Vision.datasets.FashionMNIST"/>.</summary>
    public class FashionMNIST : MNIST
    {
        /// <summary>Where Debian's dataset-fashion-mnist package installs the four gzipped IDX files.</summary>
        public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

        internal static readonly Info FashionInfo = new("Fashion-MNIST", "FashionMNIST",
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            [DebianFolder],
            "Run data-scripts/fashion-mnist.sh to fetch Fashion-MNIST (it installs Debian's dataset-fashion-mnist, or downloads the files with checksums).");

        internal FashionMNIST(string? root, bool train, bool download, torchvision.ITransform? transform, torchvision.ITransform? target_transform)
            : base(FashionInfo, root, train, download, transform, target_transform) { }
    }
}

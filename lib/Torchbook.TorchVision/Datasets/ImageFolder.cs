using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision
{
    public static partial class datasets
    {
        /// <summary>
        /// Images sorted into one folder per class (<c>root/cat/001.jpg</c>, <c>root/fish/x.png</c>), as torchvision's
        /// ImageFolder reads them; TorchVision 0.107 has none. The class names are the sub-folders' names in ordinal
        /// order, and a class's label is its position in that order (<see cref="Datasets.ImageFolder.class_to_idx"/>).
        /// A file belongs to the data set when <paramref name="is_valid_file"/> says so, or, without it, when its
        /// extension is one of <see cref="Datasets.ImageFolder.IMG_EXTENSIONS"/> (case ignored). Folders inside a class
        /// folder are searched too.
        /// Items are <c>(image, label)</c>: the image as <paramref name="loader"/> reads it (by default
        /// <c>torchvision.io.read_image(path, ImageReadMode.RGB)</c>, a uint8 3 x H x W tensor: what PIL's
        /// <c>convert("RGB")</c> gives torchvision), then <paramref name="transform"/>; the label an int64 scalar, then
        /// <paramref name="target_transform"/>.
        /// </summary>
        /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
        /// <exception cref="FileNotFoundException">root holds no class folder, or a class folder holds no valid file.</exception>
        public static Datasets.ImageFolder ImageFolder(string root, torchvision.ITransform? transform = null,
            torchvision.ITransform? target_transform = null, Func<string, Tensor>? loader = null, Func<string, bool>? is_valid_file = null) =>
            new(root, transform, target_transform, loader, is_valid_file);
    }
}

namespace Torchbook.Vision.Datasets
{
    /// <summary>A folder of images, one sub-folder per class. See <see cref="Vision.datasets.ImageFolder"/>.</summary>
    public class ImageFolder : torch.utils.data.Dataset<(Tensor, Tensor)>
    {
        /// <summary>The extensions torchvision's ImageFolder takes (torchvision.datasets.folder.IMG_EXTENSIONS).</summary>
        public static IReadOnlyList<string> IMG_EXTENSIONS { get; } = [".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"];

        private readonly Func<string, Tensor> _loader;

        internal ImageFolder(string root, torchvision.ITransform? transform, torchvision.ITransform? target_transform,
            Func<string, Tensor>? loader, Func<string, bool>? is_valid_file)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(root);
            this.root = Path.GetFullPath(root);
            this.transform = transform;
            this.target_transform = target_transform;
            _loader = loader ?? (path => torchvision.io.read_image(path, torchvision.io.ImageReadMode.RGB));
            if (!Directory.Exists(this.root))
                throw new DirectoryNotFoundException($"ImageFolder: the folder {this.root} does not exist.");

            classes = Directory.GetDirectories(this.root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
            if (classes.Count == 0)
                throw new FileNotFoundException($"ImageFolder: couldn't find any class folder in {this.root}. Put the images of each class in a folder of their own, named after the class (root/cat/1.jpg, root/fish/2.jpg).");
            class_to_idx = classes.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)p.i);

            var valid = is_valid_file ?? HasImageExtension;
            var samples = new List<(string, long)>();
            var empty = new List<string>();
            foreach (var name in classes)
            {
                var before = samples.Count;
                foreach (var path in FilesIn(Path.Combine(this.root, name)))
                    if (valid(path)) samples.Add((path, class_to_idx[name]));
                if (samples.Count == before) empty.Add(name);
            }
            if (empty.Count > 0)
                throw new FileNotFoundException(
                    $"ImageFolder: found no valid file for the class{(empty.Count > 1 ? "es" : "")} {string.Join(", ", empty)} in {this.root}. " +
                    (is_valid_file is null ? $"Supported extensions are: {string.Join(", ", IMG_EXTENSIONS)}." : "The is_valid_file function refused every file there."));
            this.samples = samples;
            targets = samples.Select(s => s.Item2).ToArray();
        }

        /// <summary>True when the file's extension is one of <see cref="IMG_EXTENSIONS"/> (case ignored).</summary>
        public static bool HasImageExtension(string path) =>
            IMG_EXTENSIONS.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

        // Files of a folder and of its sub-folders, each level in ordinal order (os.walk with sorted names, as torchvision).
        private static IEnumerable<string> FilesIn(string folder)
        {
            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal)) yield return file;
            foreach (var sub in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
                foreach (var file in FilesIn(sub)) yield return file;
        }

        /// <summary>The folder read.</summary>
        public string root { get; }
        public torchvision.ITransform? transform { get; }
        public torchvision.ITransform? target_transform { get; }

        /// <summary>The class names, indexed by label.</summary>
        public IReadOnlyList<string> classes { get; }

        /// <summary>Each class name's label.</summary>
        public IReadOnlyDictionary<string, long> class_to_idx { get; }

        /// <summary>Every image's path and label, in the order the items come.</summary>
        public IReadOnlyList<(string path, long label)> samples { get; }

        /// <summary>The same list as <see cref="samples"/> (torchvision keeps both names).</summary>
        public IReadOnlyList<(string path, long label)> imgs => samples;

        /// <summary>Every item's label.</summary>
        public IReadOnlyList<long> targets { get; }

        public override long Count => samples.Count;

        /// <summary>Item <paramref name="index"/> as <c>(image, label)</c>, as <c>dataset[index]</c> does in PyTorch.</summary>
        public (Tensor image, Tensor label) this[long index] => GetTensor(index);

        /// <exception cref="InvalidDataException">the file cannot be read as an image (the message names it).</exception>
        public override (Tensor, Tensor) GetTensor(long index)
        {
            if (index < 0 || index >= Count) throw new IndexOutOfRangeException($"Index {index} is out of range for an image folder of {Count} images.");
            var (path, label) = samples[(int)index];
            using var scope = torch.NewDisposeScope();
            Tensor image;
            try
            {
                image = _loader(path);
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException && e is not FileNotFoundException)
            {
                throw new InvalidDataException(
                    $"ImageFolder: {path} could not be read as an image ({e.Message}). Remove the file, or pass is_valid_file to leave out files that are not images.", e);
            }
            if (transform is not null) image = transform.call(image);
            Tensor target = torch.tensor(label);
            if (target_transform is not null) target = target_transform.call(target);
            image.MoveToOuterDisposeScope();
            target.MoveToOuterDisposeScope();
            return (image, target);
        }

        public override string ToString() =>
            $"Dataset ImageFolder\n    Number of datapoints: {Count}\n    Root location: {root}" +
            (transform is null ? "" : $"\n    Transform: {transform.GetType().Name}");
    }
}

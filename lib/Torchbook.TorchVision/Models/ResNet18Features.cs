using TorchSharp;
using Onnx;
using static TorchSharp.torch;

namespace Torchbook.Vision
{
    public static partial class models
    {
        /// <summary>
        /// An ImageNet-trained ResNet-18 without its classifier: 512 features per image. The weights are the ONNX file
        /// NuGet's Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0 ships (exported from CNTK), which the course library's
        /// build copies next to it; see <see cref="Models.ResNet18Features"/> for how it differs from TorchVision's resnet18.
        /// </summary>
        /// <param name="onnx_folder">The folder holding <c>ResNet18Onnx/ResNet18.onnx</c> and <c>ResNetPrepOnnx/ResNetPreprocess.onnx</c>; by default the <c>models</c> folder next to this library.</param>
        /// <exception cref="FileNotFoundException">A file is missing (the message says how to get it).</exception>
        /// <exception cref="InvalidDataException">A file is damaged, or is not the ResNet-18 this loader knows.</exception>
        public static Models.ResNet18Features resnet18_features(string? onnx_folder = null) => Models.ResNet18Features.Load(onnx_folder);
    }
}

namespace Torchbook.Vision.Models
{
    /// <summary>
    /// TorchVision's resnet18 with one more basic block (512 channels) at the end of <c>layer4</c>, no <c>fc</c>, and the
    /// exported model's own preprocessing in front: the layout of the ONNX ResNet-18 that ML.NET's image featurizer ships.
    /// Input: a batch [N, 3, H, W] of RGB images in [0, 1], as <c>transforms.ToTensor</c> gives them. The model scales them
    /// to 0-255, reorders the channels to BGR and subtracts the ImageNet mean image (resized when H x W is not 224 x 224).
    /// Output: [N, 512], the average of the last feature maps. At 224 x 224 (and any size that is a multiple of 32, where
    /// the file's asymmetric paddings and TorchVision's symmetric ones sample the same pixels) it computes what the file
    /// computes; at other sizes it pools adaptively where the file would fail or pool a fixed 7 x 7.
    /// </summary>
    public sealed class ResNet18Features : nn.Module<Tensor, Tensor>
    {
        /// <summary>Where the build puts the ONNX files: <c>models</c> next to this assembly.</summary>
        public static string DefaultFolder => Path.Combine(Path.GetDirectoryName(typeof(ResNet18Features).Assembly.Location) ?? ".", "models");

        internal const string Remedy =
            "The course library's build copies it from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0: " +
            "run `dotnet build lib/Torchbook` (or ./build.sh), which downloads the package, or pass the folder that holds ResNet18Onnx/ and ResNetPrepOnnx/.";

        private readonly nn.Module<Tensor, Tensor> conv1, bn1, relu, maxpool, layer1, layer2, layer3, layer4, avgpool, flatten;
        private readonly Tensor mean_image;   // [3, 224, 224], BGR, 0-255

        private ResNet18Features(Tensor meanImage) : base(nameof(ResNet18Features))
        {
            // TorchVision's modules, taken from two resnet18s: the second gives layer4 its third block.
            var tv = torchvision.models.resnet18();
            var spare = torchvision.models.resnet18();
            var parts = tv.named_children().ToDictionary(c => c.name, c => (nn.Module<Tensor, Tensor>)c.module);
            (conv1, bn1, relu, maxpool) = (parts["conv1"], parts["bn1"], parts["relu"], parts["maxpool"]);
            (layer1, layer2, layer3) = (parts["layer1"], parts["layer2"], parts["layer3"]);
            var stage4 = parts["layer4"].children().Cast<nn.Module<Tensor, Tensor>>().ToList();
            var extra = spare.named_children().Single(c => c.name == "layer4").module.children().Cast<nn.Module<Tensor, Tensor>>().Last();
            layer4 = nn.Sequential(stage4[0], stage4[1], extra);
            avgpool = nn.AdaptiveAvgPool2d(1);
            flatten = nn.Flatten();
            mean_image = meanImage;
            RegisterComponents();
        }

        /// <summary>Builds the module and loads both ONNX files' weights into it (see <see cref="models.resnet18_features"/>).</summary>
        public static ResNet18Features Load(string? onnx_folder = null)
        {
            var folder = onnx_folder ?? DefaultFolder;
            var prep = OnnxGraph.Read(Path.Combine(folder, "ResNetPrepOnnx", "ResNetPreprocess.onnx"), Remedy);
            var net = OnnxGraph.Read(Path.Combine(folder, "ResNet18Onnx", "ResNet18.onnx"), Remedy);
            var mean = prep.Initializer("MeanImage");
            if (!mean.shape.SequenceEqual(new long[] { 1, 3, 224, 224 }))
                throw new InvalidDataException($"{prep.Path}: MeanImage has shape [{string.Join(", ", mean.shape)}]; the ResNet-18 preprocessing has [1, 3, 224, 224].");
            var model = new ResNet18Features(mean[0].contiguous());
            model.CopyWeights(net);
            model.eval();
            return model;
        }

        /// <summary>The file's Conv -> BatchNormalization pairs, in file order, onto TorchVision's names in the same order
        /// (a stage's first block: the projection shortcut, then conv1 and conv2, as the file lists them).</summary>
        private void CopyWeights(OnnxGraph graph)
        {
            var pairs = new List<(string Conv, NodeProto BatchNorm)>();
            foreach (var node in graph.Nodes.Where(n => n.OpType == "Conv"))
            {
                var bn = graph.OnlyConsumer(node.Output[0]);
                if (bn is null || bn.OpType != "BatchNormalization" || bn.Input.Count != 5)
                    throw new InvalidDataException($"{graph.Path}: convolution {node.Name} is not followed by one batch normalisation; this is not the ResNet-18 layout the loader knows.");
                pairs.Add((node.Input[1], bn));
            }
            var modules = new List<(string Conv, string BatchNorm)> { ("conv1", "bn1") };
            foreach (var (stage, blocks) in new[] { ("layer1", 2), ("layer2", 2), ("layer3", 2), ("layer4", 3) })
                for (int b = 0; b < blocks; b++)
                {
                    if (b == 0 && stage != "layer1") modules.Add(($"{stage}.0.downsample.0", $"{stage}.0.downsample.1"));
                    modules.Add(($"{stage}.{b}.conv1", $"{stage}.{b}.bn1"));
                    modules.Add(($"{stage}.{b}.conv2", $"{stage}.{b}.bn2"));
                }
            if (pairs.Count != modules.Count)
                throw new InvalidDataException($"{graph.Path} has {pairs.Count} convolutions with batch normalisation; the ResNet-18 featurizer has {modules.Count}.");

            var tensors = new Dictionary<string, Tensor>();
            foreach (var (n, p) in named_parameters()) tensors[n] = p;
            foreach (var (n, b) in named_buffers()) tensors[n] = b;
            using var _ = no_grad();
            for (int i = 0; i < pairs.Count; i++)
            {
                var (conv, bn) = modules[i];
                Copy(graph, pairs[i].Conv, tensors[conv + ".weight"], conv + ".weight");
                string[] targets = ["weight", "bias", "running_mean", "running_var"];
                for (int k = 0; k < 4; k++) Copy(graph, pairs[i].BatchNorm.Input[k + 1], tensors[$"{bn}.{targets[k]}"], $"{bn}.{targets[k]}");
            }
        }

        private static void Copy(OnnxGraph graph, string initializer, Tensor target, string targetName)
        {
            using var source = graph.Initializer(initializer);
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{graph.Path}: '{initializer}' has shape [{string.Join(", ", source.shape)}] where {targetName} needs [{string.Join(", ", target.shape)}]; this is not the ResNet-18 layout the loader knows.");
            target.copy_(source);
        }

        /// <summary>The exported model's preprocessing: RGB in [0, 1] to BGR in 0-255, minus the ImageNet mean image.</summary>
        /// <exception cref="ArgumentException">The batch is not [N, 3, H, W].</exception>
        public Tensor preprocess(Tensor images)
        {
            if (images.dim() != 4 || images.shape[1] != 3)
                throw new ArgumentException($"ResNet18Features takes a batch of RGB images [N, 3, H, W] in [0, 1] (transforms.ToTensor gives one image; stack them or unsqueeze(0)); got [{string.Join(", ", images.shape)}].", nameof(images));
            using var scope = NewDisposeScope();
            var mean = mean_image.to(images.dtype, images.device);
            if (images.shape[2] != 224 || images.shape[3] != 224)
                mean = nn.functional.interpolate(mean.unsqueeze(0), [images.shape[2], images.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false)[0];
            return (images.flip(1) * 255 - mean).MoveToOuterDisposeScope();
        }

        public override Tensor forward(Tensor images)
        {
            using var scope = NewDisposeScope();
            var x = preprocess(images);
            x = maxpool.call(relu.call(bn1.call(conv1.call(x))));
            x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
            return flatten.call(avgpool.call(x)).MoveToOuterDisposeScope();
        }
    }
}

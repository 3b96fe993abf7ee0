using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using TorchSharp;
using Torchbook.Vision.Models;
using Xunit.Abstractions;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// The ONNX ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18, ported onto TorchVision's modules: its 512 features
/// agree with ONNX Runtime running the original two files (preprocessing, then the network) on real photos and on
/// noise; the layout is resnet18's plus one block; damaged or missing files and wrong batches get clear messages.
/// </summary>
public sealed class ResNet18FeaturesTests(ITestOutputHelper output)
{
    private static readonly Lazy<ResNet18Features> Model = new(() => models.resnet18_features());

    private static string OnnxFile(string name) => Path.Combine(ResNet18Features.DefaultFolder, name);

    /// <summary>ONNX Runtime on the original files: ResNetPreprocess.onnx, then ResNet18.onnx, one image at a time (batch 1 is fixed in both).</summary>
    private static float[] OnnxRuntimeFeatures(float[] rgb255)
    {
        using var prep = new InferenceSession(OnnxFile("ResNetPrepOnnx/ResNetPreprocess.onnx"));
        using var net = new InferenceSession(OnnxFile("ResNet18Onnx/ResNet18.onnx"));
        using var prepared = prep.Run([NamedOnnxValue.CreateFromTensor("OriginalInput", new DenseTensor(rgb255, [1, 3, 224, 224]))]);
        var bgr = prepared.Single().AsTensor<float>().ToArray();
        using var features = net.Run([NamedOnnxValue.CreateFromTensor("Input247", new DenseTensor(bgr, [1, 3, 224, 224]))]);
        return features.Single().AsTensor<float>().ToArray();
    }

    private static Tensor Photo224(string name)
    {
        SamplePhotosData.EnsureFetched();
        var image = SamplePhotos.Load(name, torchvision.io.ImageReadMode.RGB);
        var resized = torchvision.transforms.Resize(224, 224, InterpolationMode.Bilinear).call(image.unsqueeze(0))[0];
        return resized.to(ScalarType.Float32).div(255);   // [3, 224, 224] in [0, 1]
    }

    [Fact]
    public void Features_agree_with_ONNX_Runtime_running_the_original_files()
    {
        var inputs = new[] { ("astronaut", Photo224("astronaut")), ("coffee", Photo224("coffee")), ("chelsea", Photo224("chelsea")), ("noise", rand(new long[] { 3, 224, 224 }, generator: new Generator(3))) };
        using var batch = stack(inputs.Select(i => i.Item2));
        Tensor ours;
        using (no_grad()) ours = Model.Value.call(batch);
        Assert.Equal([4L, 512], ours.shape);
        for (int i = 0; i < inputs.Length; i++)
        {
            var reference = OnnxRuntimeFeatures((inputs[i].Item2 * 255).data<float>().ToArray());
            var mine = ours[i].data<float>().ToArray();
            var scale = reference.Max(Math.Abs);
            var worst = reference.Zip(mine, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{inputs[i].Item1}: largest feature {scale:F4}, largest difference {worst:E2} ({worst / scale:E2} of it)");
            Assert.True(scale > 0.1, $"{inputs[i].Item1}: ONNX Runtime's features are all near 0 (largest {scale}); the comparison would prove nothing");
            Assert.True(worst <= 1e-4 * scale, $"{inputs[i].Item1}: features differ from ONNX Runtime's by up to {worst} (largest feature {scale})");
        }
        // The photos are told apart: their features are not the same vector.
        Assert.True(ours[0].sub(ours[1]).abs().max().item<float>() > 0.1f);
    }

    [Fact]
    public void Is_resnet18_with_one_more_512_channel_block_and_no_classifier()
    {
        var model = Model.Value;
        using var resnet18 = torchvision.models.resnet18();
        var tv = resnet18.state_dict();
        var ours = model.state_dict();
        var block = tv.Keys.Where(k => k.StartsWith("layer4.1.")).ToList();
        var expected = tv.Keys.Where(k => !k.StartsWith("fc.")).Concat(block.Select(k => "layer4.2." + k["layer4.1.".Length..])).Append("mean_image");
        Assert.Equal(expected.Order(), ours.Keys.Order());
        long count = model.parameters().Sum(p => p.numel());
        long fc = 512 * 1000 + 1000;
        long extraBlock = resnet18.named_parameters().Where(p => p.name.StartsWith("layer4.1.")).Sum(p => p.parameter.numel());
        Assert.Equal(11_689_512 - fc + extraBlock, count);
        Assert.Equal(15_897_152, count);
        Assert.Equal([3L, 224, 224], ours["mean_image"].shape);
        Assert.False(model.training);
    }

    [Fact]
    public void Other_image_sizes_run_and_a_wrong_batch_says_what_it_takes()
    {
        using var x = rand(2, 3, 160, 192);
        using (no_grad()) Assert.Equal([2L, 512], Model.Value.call(x).shape);
        using var single = rand(3, 224, 224);
        var e = Assert.Throws<ArgumentException>(() => Model.Value.call(single));
        Assert.Contains("[N, 3, H, W]", e.Message);
        Assert.Contains("got [3, 224, 224]", e.Message);
    }

    [Fact]
    public void Missing_or_damaged_files_name_the_package_and_the_file()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<FileNotFoundException>(() => models.resnet18_features(folder.Path));
        Assert.Contains("ResNetPreprocess.onnx is missing", missing.Message);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", missing.Message);

        Directory.CreateDirectory(Path.Combine(folder.Path, "ResNetPrepOnnx"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "ResNet18Onnx"));
        File.Copy(OnnxFile("ResNetPrepOnnx/ResNetPreprocess.onnx"), Path.Combine(folder.Path, "ResNetPrepOnnx", "ResNetPreprocess.onnx"));
        var cut = File.ReadAllBytes(OnnxFile("ResNet18Onnx/ResNet18.onnx")).AsSpan(0, 1_000_000).ToArray();
        File.WriteAllBytes(Path.Combine(folder.Path, "ResNet18Onnx", "ResNet18.onnx"), cut);
        var damaged = Assert.Throws<InvalidDataException>(() => models.resnet18_features(folder.Path));
        Assert.Contains("ResNet18.onnx", damaged.Message);
        Assert.Contains("damaged or cut short", damaged.Message);

        // Another ONNX model in its place (the preprocessing graph): not the layout the loader knows.
        File.Copy(OnnxFile("ResNetPrepOnnx/ResNetPreprocess.onnx"), Path.Combine(folder.Path, "ResNet18Onnx", "ResNet18.onnx"), overwrite: true);
        var other = Assert.Throws<InvalidDataException>(() => models.resnet18_features(folder.Path));
        Assert.Contains("0 convolutions with batch normalisation", other.Message);
    }
}

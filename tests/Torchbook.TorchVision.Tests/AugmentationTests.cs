using TorchSharp;
using static TorchSharp.torch;
using Torchbook.Vision;

namespace Torchbook.TorchVision.Tests;

/// <summary>
/// RandomAffine and RandomErasing, which the course library adds to TorchVision 0.107, against Debian's
/// python3-torchvision 0.14 (tests/parity/make_augmentation_goldens.py): after the same manual_seed they draw the same
/// values and give the same images. They seed the global generator, hence the "global state" collection.
/// </summary>
[Collection("global state")]
public class AugmentationTests
{
    private const string G = "augmentations.json";

    public static TheoryData<string, int> Affines() => Cases("rotate", "all", "shift");
    public static TheoryData<string, int> Erasers() => Cases("zero", "value", "random", "half");

    private static TheoryData<string, int> Cases(params string[] names)
    {
        var data = new TheoryData<string, int>();
        foreach (var n in names) for (int s = 0; s < 3; s++) data.Add(n, s);
        return data;
    }

    private static torchvision.ITransform Affine(string name) => name switch
    {
        "rotate" => transforms.RandomAffine(30),
        "all" => transforms.RandomAffine(30, translate: (0.1, 0.2), scale: (0.8, 1.2), shear: 10),
        "shift" => transforms.RandomAffine(0, translate: (0.25, 0.25)),
        _ => throw new ArgumentException(name),
    };

    private static torchvision.ITransform Eraser(string name) => name switch
    {
        "zero" => transforms.RandomErasing(p: 1.0),
        "value" => transforms.RandomErasing(p: 1.0, scale: (0.1, 0.4), ratio: (0.5, 2.0), value: [0.25f, 0.5f, 0.75f]),
        "random" => transforms.RandomErasing(p: 1.0, random: true),
        "half" => transforms.RandomErasing(p: 0.5),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Affines))]
    public void RandomAffine_draws_and_warps_as_torchvision_does(string name, int seed)
    {
        using var image = VisionGoldens.Tensor(G, "image_uint8");
        manual_seed(seed);
        using var result = Affine(name).call(image);
        VisionGoldens.AssertEqual(G, $"affine_{name}_{seed}", result);
    }

    [Theory]
    [MemberData(nameof(Erasers))]
    public void RandomErasing_erases_the_rectangle_torchvision_erases(string name, int seed)
    {
        using var image = VisionGoldens.Tensor(G, "image_float");
        manual_seed(seed);
        using var result = Eraser(name).call(image.clone());
        VisionGoldens.AssertEqual(G, $"erase_{name}_{seed}", result);
    }

    [Fact]
    public void Bad_settings_and_images_are_refused_with_what_to_do()
    {
        Assert.Contains("degrees must be 0 or more", Assert.Throws<ArgumentException>(() => transforms.RandomAffine(-1)).Message);
        Assert.Contains("each in [0, 1]", Assert.Throws<ArgumentException>(() => transforms.RandomAffine(0, translate: (2, 0))).Message);
        Assert.Contains("0 < min <= max", Assert.Throws<ArgumentException>(() => transforms.RandomAffine(0, scale: (1.2, 0.8))).Message);
        Assert.Contains("a probability", Assert.Throws<ArgumentException>(() => transforms.RandomErasing(p: 2)).Message);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => transforms.RandomErasing(value: [0f], random: true)).Message);
        using var bytes = zeros(3, 8, 8, dtype: ScalarType.Byte);
        Assert.Contains("put it after ToTensor", Assert.Throws<ArgumentException>(() => transforms.RandomErasing(p: 1).call(bytes)).Message);
        using var batch = zeros(2, 3, 8, 8);
        Assert.Contains("one image C x H x W", Assert.Throws<ArgumentException>(() => transforms.RandomErasing(p: 1).call(batch)).Message);
        using var rgb = zeros(3, 8, 8);
        Assert.Contains("give 1 or 3", Assert.Throws<ArgumentException>(() => transforms.RandomErasing(p: 1, value: [0f, 1f]).call(rgb)).Message);
    }
}

/// <summary>Tests that seed or draw from libtorch's global generator run alone, so no other test draws in between.</summary>
[CollectionDefinition("global state", DisableParallelization = true)]
public sealed class GlobalStateCollection;

using System.Xml.Linq;
using Torchbook;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Tests;

/// <summary>The augmentation gallery shows every transform it is given, under its name, with the original first.</summary>
[Collection("global state")] // random transforms draw from the global generator
public class TransformGalleryTests
{
    private static (string, torchvision.ITransform)[] Fifteen() =>
    [
        ("RandomResizedCrop", torchvision.transforms.RandomResizedCrop(24)),
        ("CenterCrop", torchvision.transforms.CenterCrop(20)),
        ("HorizontalFlip", torchvision.transforms.HorizontalFlip()),
        ("VerticalFlip", torchvision.transforms.VerticalFlip()),
        ("RandomRotation", torchvision.transforms.RandomRotation(30)),
        ("ColorJitter", torchvision.transforms.ColorJitter(0.5f, 0.5f, 0.5f, 0.1f)),
        ("Grayscale", torchvision.transforms.Grayscale(3)),
        ("RandomPerspective", torchvision.transforms.RandomPerspective(0.5, 1.0)),
        ("GaussianBlur", torchvision.transforms.GaussianBlur(5)),
        ("Invert", torchvision.transforms.Invert()),
        ("AdjustGamma", torchvision.transforms.AdjustGamma(2.0)),
        ("Solarize", torchvision.transforms.Solarize(0.5)),
        ("AutoContrast", torchvision.transforms.AutoContrast()),
        ("AdjustSharpness", torchvision.transforms.AdjustSharpness(3)),
        ("Pad", torchvision.transforms.Pad([4, 4])),
    ];

    [Fact]
    public void Every_named_transform_is_drawn_under_its_name_after_the_original()
    {
        manual_seed(0);
        using var photo = rand(3, 32, 32);
        var transforms = Fifteen();
        var svg = XDocument.Parse(photo.ToTransformGallery(transforms, columns: 4, title: "Augmentations").ToSvg());
        Assert.Equal(16, svg.Descendants().Count(e => e.Name.LocalName == "image"));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Equal(["Augmentations", "original", .. transforms.Select(t => t.Item1)], texts);
    }

    [Fact]
    public void Uint8_and_grey_images_work_and_the_original_can_be_left_out()
    {
        using var grey = (rand(16, 16) * 255).to(ScalarType.Byte);
        var svg = XDocument.Parse(grey.ToTransformGallery([("flip", torchvision.transforms.HorizontalFlip())], original: false).ToSvg());
        Assert.Single(svg.Descendants(), e => e.Name.LocalName == "image");
    }

    [Fact]
    public void A_failing_or_shape_breaking_transform_is_named()
    {
        using var photo = rand(3, 16, 16);
        var e = Assert.Throws<ArgumentException>(() => photo.ToTransformGallery([("to a batch", torchvision.transforms.Lambda(t => t.unsqueeze(0)))]));
        Assert.Contains("'to a batch' gave shape [1, 3, 16, 16]", e.Message);
        var pad = Assert.Throws<ArgumentException>(() => photo.ToTransformGallery([("bad pad", torchvision.transforms.Pad([4]))]));
        Assert.Contains("The transform 'bad pad' failed on an image of shape [3, 16, 16] (Float32)", pad.Message);
        Assert.DoesNotContain("Exception raised from", pad.Message);
        Assert.Throws<ArgumentException>(() => photo.ToTransformGallery([]));
        Assert.Throws<ArgumentException>(() => rand(2, 3, 8, 8).ToTransformGallery([("flip", torchvision.transforms.HorizontalFlip())]));
    }
}

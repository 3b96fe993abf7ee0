using System.Runtime.InteropServices;
using Torchbook.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// The augmentation gallery: one image put through each of several TorchVision transforms, drawn as a grid with
/// each transform's name under its result, the original first. Random transforms draw from the global generator,
/// so <c>manual_seed</c> first makes the gallery repeatable.
/// </summary>
public static class TransformGallery
{
    /// <param name="image">One image, CHW (or HW): uint8, or floats in [0, 1].</param>
    /// <param name="transforms">Name and transform pairs; each is applied to the image on its own, not in a chain.</param>
    /// <param name="original">Show the untouched image first, titled "original".</param>
    /// <exception cref="ArgumentException">No transform was given, the image is not CHW or HW, or a transform fails or
    /// gives something that is not an image (the message names the transform).</exception>
    public static ImageChart ToTransformGallery(this Tensor image, IEnumerable<(string Name, torchvision.ITransform Transform)> transforms,
        int columns = 0, string? title = null, int cellSize = 0, bool original = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(transforms);
        var list = transforms.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one (name, transform) pair to show.", nameof(transforms));
        if (image.dim() is not (2 or 3))
            throw new ArgumentException($"ToTransformGallery takes one image, CHW or HW; got shape [{string.Join(", ", image.shape)}].", nameof(image));
        var input = image.dim() == 2 ? image.unsqueeze(0) : image;
        var images = new List<Image>();
        var titles = new List<string>();
        if (original) { images.Add(input.ToImage()); titles.Add("original"); }
        foreach (var (name, transform) in list)
        {
            using var scope = NewDisposeScope();
            Tensor result;
            try
            {
                result = transform.call(input.clone());
            }
            catch (Exception e) when (e is ExternalException or ArgumentException or InvalidOperationException)
            {
                var reason = e is ExternalException native ? native.LibTorchMessage() : e.Message;
                throw new ArgumentException($"The transform '{name}' failed on an image of shape [{string.Join(", ", input.shape)}] ({input.dtype}): {reason} " +
                                            "Some transforms take only uint8 images (Posterize, Equalize) or only floats in [0, 1] (Grayscale): convert the image first.", nameof(transforms), e);
            }
            if (result.dim() != 3 || result.shape[0] is not (1 or 3))
                throw new ArgumentException($"The transform '{name}' gave shape [{string.Join(", ", result.shape)}], which is not an image (1 or 3 channels, CHW).", nameof(transforms));
            var shown = result.dtype == ScalarType.Byte ? result : result.to(ScalarType.Float32).clamp(0, 1);
            images.Add(shown.ToImage());
            titles.Add(name);
        }
        return Plot.ImageGrid(images, titles, columns, title, cellSize);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision
{
    /// <summary>
    /// The image transforms the course needs that TorchVision 0.107 lacks (ToTensor) or gets wrong
    /// (its Normalize refuses a single C x H x W image; torchvision's takes one). Each returns a
    /// <see cref="torchvision.ITransform"/>, so it goes into <c>torchvision.transforms.Compose</c>
    /// beside TorchVision's own transforms.
    /// </summary>
    public static partial class transforms
    {
        /// <summary>
        /// Turns an 8-bit image into a float32 tensor with values in [0, 1] (each pixel / 255),
        /// channels first, as torchvision's ToTensor does.
        /// <list type="bullet">
        /// <item>a uint8 tensor H x W (grey) becomes 1 x H x W; C x H x W stays C x H x W (tensors are channels-first already);</item>
        /// <item>a <c>byte[,]</c> H x W becomes 1 x H x W; a <c>byte[,,]</c> H x W x C (numpy's layout) becomes C x H x W.</item>
        /// </list>
        /// Other element types and ranks are refused with a message saying what to use instead.
        /// </summary>
        public static Transforms.ToTensor ToTensor() => new();
    }
}

namespace Torchbook.Vision.Transforms
{
    /// <summary>8-bit image to float32 in [0, 1], channels first. See <see cref="torchvision.transforms.ToTensor"/>.</summary>
    public sealed class ToTensor : torchvision.ITransform
    {
        public Tensor call(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dtype != ScalarType.Byte)
                throw new ArgumentException(
                    $"ToTensor: expected an 8-bit image (a uint8 tensor, values 0 to 255), got a {input.dtype} tensor of shape [{string.Join(", ", input.shape)}]. " +
                    (input.is_floating_point()
                        ? "It is a float tensor already: leave ToTensor out (or use torchvision.transforms.ConvertImageDtype to change its element type)."
                        : "Convert it to uint8 first (torchvision.transforms.ConvertImageDtype(ScalarType.Byte) rescales, .to(ScalarType.Byte) keeps the values)."),
                    nameof(input));
            using var scope = NewDisposeScope();
            return input.ndim switch
            {
                2 => Scale(input.unsqueeze(0)).MoveToOuterDisposeScope(),
                3 => Scale(input).MoveToOuterDisposeScope(),
                _ => throw new ArgumentException(
                    $"ToTensor: expected an image of shape H x W or C x H x W, got {input.ndim} dimension(s) [{string.Join(", ", input.shape)}]. " +
                    (input.ndim == 4 ? "For a batch of images, apply ToTensor to each image (or convert the batch with .to(ScalarType.Float32).div(255))." : "Reshape it into an image first."),
                    nameof(input)),
            };
        }

        /// <summary>A grey image as a .NET array, rows x columns (numpy's H x W): 1 x H x W float32 in [0, 1].</summary>
        public Tensor call(byte[,] image)
        {
            ArgumentNullException.ThrowIfNull(image);
            using var scope = NewDisposeScope();
            return Scale(tensor(image).unsqueeze(0)).MoveToOuterDisposeScope();
        }

        /// <summary>An image as a .NET array, rows x columns x channels (numpy's H x W x C): C x H x W float32 in [0, 1].</summary>
        public Tensor call(byte[,,] image)
        {
            ArgumentNullException.ThrowIfNull(image);
            using var scope = NewDisposeScope();
            return Scale(tensor(image).permute(2, 0, 1).contiguous()).MoveToOuterDisposeScope();
        }

        /// <summary>An image as a .NET array of bytes with 2 (H x W) or 3 (H x W x C) dimensions.</summary>
        public Tensor call(Array image) => image switch
        {
            null => throw new ArgumentNullException(nameof(image)),
            byte[,] grey => call(grey),
            byte[,,] hwc => call(hwc),
            _ => throw new ArgumentException(
                $"ToTensor: expected a byte array of H x W or H x W x C, got a {image.GetType().GetElementType()?.Name}[{new string(',', image.Rank - 1)}] array. " +
                "Images arrive as bytes (0 to 255); for other numbers make a tensor with torch.tensor and scale it yourself.", nameof(image)),
        };

        // torchvision: img.contiguous().to(float32).div(255); the conversion makes a new contiguous
        // tensor, which is divided in place (same values). Call inside a dispose scope.
        private static Tensor Scale(Tensor uint8Chw) => uint8Chw.to(ScalarType.Float32).div_(255);

        public override string ToString() => "ToTensor()";
    }
}

using TorchSharp;
using static TorchSharp.torch;
using static Torchbook.Vision.Transforms.TorchvisionDraws;

namespace Torchbook.Vision
{
    public static partial class transforms
    {
        /// <summary>
        /// torchvision's RandomResizedCrop, drawing from libtorch's generator as torchvision does: TorchVision 0.107's draws
        /// from an unseeded <see cref="Random"/>, so <c>manual_seed</c> cannot repeat its crops (nor a training run that uses
        /// it). Crops a random part of the image covering a fraction from <paramref name="scaleMin"/> to <paramref name="scaleMax"/>
        /// of it, with an aspect ratio drawn log-uniformly from <paramref name="ratioMin"/> to <paramref name="ratioMax"/>
        /// (ten tries, then the largest centred crop within the ratios), and resizes it to <paramref name="size"/> x
        /// <paramref name="size"/> (bilinear by default, as in torchvision). After the same seed it crops what torchvision 0.14 crops.
        /// </summary>
        /// <exception cref="ArgumentException">The size is not positive, or a range is empty or not positive.</exception>
        public static Transforms.RandomResizedCrop RandomResizedCrop(int size, double scaleMin = 0.08, double scaleMax = 1.0, double ratioMin = 3.0 / 4,
            double ratioMax = 4.0 / 3, InterpolationMode interpolation = InterpolationMode.Bilinear, bool antialias = false) =>
            new(size, size, (scaleMin, scaleMax), (ratioMin, ratioMax), interpolation, antialias);

        /// <summary>
        /// torchvision's RandomRotation, drawing its angle from libtorch's generator (TorchVision 0.107's uses an unseeded
        /// <see cref="Random"/>): rotates by an angle drawn uniformly from [-<paramref name="degrees"/>, <paramref name="degrees"/>]
        /// with TorchVision's <c>functional.rotate</c>. After the same seed it draws torchvision 0.14's angle.
        /// </summary>
        public static Transforms.RandomRotation RandomRotation(double degrees, InterpolationMode interpolation = InterpolationMode.Nearest, bool expand = false, float fill = 0) =>
            new(degrees, interpolation, expand, fill);
    }
}

namespace Torchbook.Vision.Transforms
{
    /// <summary>A random crop, resized. See <see cref="transforms.RandomResizedCrop"/>.</summary>
    public sealed class RandomResizedCrop : torchvision.ITransform
    {
        private readonly int _height, _width;
        private readonly (double min, double max) _scale, _ratio;
        private readonly InterpolationMode _interpolation;
        private readonly bool _antialias;

        internal RandomResizedCrop(int height, int width, (double min, double max) scale, (double min, double max) ratio, InterpolationMode interpolation, bool antialias)
        {
            if (height < 1 || width < 1) throw new ArgumentException($"RandomResizedCrop: the size must be positive, got {height} x {width}.");
            if (!(scale.min > 0 && scale.max >= scale.min)) throw new ArgumentException($"RandomResizedCrop: scale must be a range 0 < min <= max; got ({scale.min}, {scale.max}).");
            if (!(ratio.min > 0 && ratio.max >= ratio.min)) throw new ArgumentException($"RandomResizedCrop: ratio must be a range 0 < min <= max; got ({ratio.min}, {ratio.max}).");
            (_height, _width, _scale, _ratio, _interpolation, _antialias) = (height, width, scale, ratio, interpolation, antialias);
        }


        /// <summary>torchvision's <c>RandomResizedCrop.get_params</c>: (top, left, height, width) of the crop.</summary>
        internal (int top, int left, int height, int width) Params(long imageHeight, long imageWidth)
        {
            double area = imageHeight * imageWidth;
            var logRatio = LogRatio(_ratio);
            for (int attempt = 0; attempt < 10; attempt++)
            {
                var (w, h) = Box(area, _scale, logRatio);
                if (0 < w && w <= imageWidth && 0 < h && h <= imageHeight)
                {
                    int top = (int)randint(0, imageHeight - h + 1, [1]).item<long>();
                    int left = (int)randint(0, imageWidth - w + 1, [1]).item<long>();
                    return (top, left, h, w);
                }
            }
            double inRatio = imageWidth / (double)imageHeight;
            int cw, ch;
            if (inRatio < _ratio.min) { cw = (int)imageWidth; ch = (int)Math.Round(cw / _ratio.min); }
            else if (inRatio > _ratio.max) { ch = (int)imageHeight; cw = (int)Math.Round(ch * _ratio.max); }
            else { cw = (int)imageWidth; ch = (int)imageHeight; }
            return ((int)(imageHeight - ch) / 2, (int)(imageWidth - cw) / 2, ch, cw);
        }

        public Tensor call(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() is not (3 or 4))
                throw new ArgumentException($"RandomResizedCrop: expected an image C x H x W (or a batch N x C x H x W), got shape [{string.Join(", ", input.shape)}].", nameof(input));
            var (top, left, h, w) = Params(input.shape[^2], input.shape[^1]);
            using var scope = NewDisposeScope();
            var crop = input.narrow(-2, top, h).narrow(-1, left, w);
            var batch = input.dim() == 3 ? crop.unsqueeze(0) : crop;
            var floats = batch.is_floating_point() ? batch : batch.to(ScalarType.Float32);
            var resized = nn.functional.interpolate(floats, [_height, _width], mode: _interpolation,
                align_corners: _interpolation is InterpolationMode.Bilinear or InterpolationMode.Bicubic ? false : null, antialias: _antialias);
            if (!input.is_floating_point()) resized = resized.round().clamp(0, 255).to(input.dtype);   // torchvision rounds back to the integer type
            return (input.dim() == 3 ? resized.squeeze(0) : resized).MoveToOuterDisposeScope();
        }
    }

    /// <summary>A random rotation. See <see cref="transforms.RandomRotation"/>.</summary>
    public sealed class RandomRotation : torchvision.ITransform
    {
        private readonly double _degrees;
        private readonly InterpolationMode _interpolation;
        private readonly bool _expand;
        private readonly float _fill;

        internal RandomRotation(double degrees, InterpolationMode interpolation, bool expand, float fill)
        {
            if (!(degrees >= 0)) throw new ArgumentException($"RandomRotation: degrees must be 0 or more (the angle is drawn from [-degrees, degrees]); got {degrees}.", nameof(degrees));
            (_degrees, _interpolation, _expand, _fill) = (degrees, interpolation, expand, fill);
        }

        public Tensor call(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            float angle;
            using (var draw = empty(1).uniform_(-_degrees, _degrees)) angle = draw.item<float>();
            return torchvision.transforms.functional.rotate(input, angle, _interpolation, _expand, null, [_fill]);
        }
    }
}

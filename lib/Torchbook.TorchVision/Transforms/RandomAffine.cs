using TorchSharp;
using static TorchSharp.torch;
using static Torchbook.Vision.Transforms.TorchvisionDraws;

namespace Torchbook.Vision
{
    public static partial class transforms
    {
        /// <summary>
        /// torchvision's RandomAffine, which TorchVision 0.107 lacks: rotates by an angle drawn from
        /// [-<paramref name="degrees"/>, <paramref name="degrees"/>], shifts by up to <paramref name="translate"/> (fractions of the
        /// width and height), scales by a factor drawn from <paramref name="scale"/>, and shears along x by an angle drawn from
        /// [-<paramref name="shear"/>, <paramref name="shear"/>], all at once, with TorchVision's <c>functional.affine</c>.
        /// Each call draws new values from the global generator, in torchvision's order and precision (the angle, then the
        /// shift in x and y, the scale and the shear, each only when asked for), so after the same <c>manual_seed</c> it draws
        /// what PyTorch's RandomAffine draws.
        /// </summary>
        /// <exception cref="ArgumentException">A range is empty or negative, or a translation fraction is outside [0, 1].</exception>
        public static Transforms.RandomAffine RandomAffine(double degrees, (double x, double y)? translate = null, (double min, double max)? scale = null,
            double? shear = null, InterpolationMode interpolation = InterpolationMode.Nearest, float fill = 0) =>
            new(degrees, translate, scale, shear, interpolation, fill);
    }
}

namespace Torchbook.Vision.Transforms
{
    /// <summary>A random rotation, shift, scaling and shear at once. See <see cref="transforms.RandomAffine"/>.</summary>
    public sealed class RandomAffine : torchvision.ITransform
    {
        private readonly double _degrees;
        private readonly double? _shear;
        private readonly (double x, double y)? _translate;
        private readonly (double min, double max)? _scale;
        private readonly InterpolationMode _interpolation;
        private readonly float _fill;

        internal RandomAffine(double degrees, (double x, double y)? translate, (double min, double max)? scale, double? shear, InterpolationMode interpolation, float fill)
        {
            if (!(degrees >= 0)) throw new ArgumentException($"RandomAffine: degrees must be 0 or more (the angle is drawn from [-degrees, degrees]); got {degrees}.", nameof(degrees));
            if (shear is { } sh && !(sh >= 0)) throw new ArgumentException($"RandomAffine: shear must be 0 or more (the angle is drawn from [-shear, shear]); got {shear}.", nameof(shear));
            if (translate is { } t && !(t.x is >= 0 and <= 1 && t.y is >= 0 and <= 1))
                throw new ArgumentException($"RandomAffine: translate gives the largest shift as fractions of the width and height, each in [0, 1]; got ({t.x}, {t.y}).", nameof(translate));
            if (scale is { } s && !(s.min > 0 && s.max >= s.min))
                throw new ArgumentException($"RandomAffine: scale must be a range 0 < min <= max; got ({s.min}, {s.max}).", nameof(scale));
            (_degrees, _translate, _scale, _shear, _interpolation, _fill) = (degrees, translate, scale, shear, interpolation, fill);
        }


        public Tensor call(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() < 2)
                throw new ArgumentException($"RandomAffine: expected an image [..., H, W], got shape [{string.Join(", ", input.shape)}].", nameof(input));
            long height = input.shape[^2], width = input.shape[^1];
            var angle = Uniform(-_degrees, _degrees);
            int dx = 0, dy = 0;
            if (_translate is { } t)
            {
                dx = (int)Math.Round(Uniform(-t.x * width, t.x * width));
                dy = (int)Math.Round(Uniform(-t.y * height, t.y * height));
            }
            var factor = _scale is { } s ? Uniform(s.min, s.max) : 1.0;
            var shearX = _shear is { } sh ? Uniform(-sh, sh) : 0.0;
            return torchvision.transforms.functional.affine(input, [(float)shearX, 0f], (float)angle, [dx, dy], (float)factor, _interpolation, _fill);
        }
    }
}

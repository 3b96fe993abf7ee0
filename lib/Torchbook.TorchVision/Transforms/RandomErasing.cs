using TorchSharp;
using static TorchSharp.torch;
using static Torchbook.Vision.Transforms.TorchvisionDraws;

namespace Torchbook.Vision
{
    public static partial class transforms
    {
        /// <summary>
        /// torchvision's RandomErasing (Zhong et al., 2017), which TorchVision 0.107 lacks: with probability <paramref name="p"/>,
        /// fills one rectangle of the image with <paramref name="value"/> (0 by default; one value per channel; or
        /// <c>null</c> with <paramref name="random"/> for normal noise). The rectangle covers a fraction of the image drawn
        /// from <paramref name="scale"/>, with an aspect ratio drawn log-uniformly from <paramref name="ratio"/>; as in torchvision,
        /// ten tries are made to fit one inside the image, and the image is returned unchanged if none fits. Use it after
        /// <c>ToTensor</c>, on a float image. Draws come from the global generator in torchvision's order and precision, so
        /// after the same <c>manual_seed</c> it erases what PyTorch's RandomErasing erases.
        /// </summary>
        /// <exception cref="ArgumentException">p is outside [0, 1], or a range is empty or not positive.</exception>
        public static Transforms.RandomErasing RandomErasing(double p = 0.5, (double min, double max)? scale = null, (double min, double max)? ratio = null,
            float[]? value = null, bool random = false) =>
            new(p, scale ?? (0.02, 0.33), ratio ?? (0.3, 3.3), value, random);
    }
}

namespace Torchbook.Vision.Transforms
{
    /// <summary>Erases one random rectangle. See <see cref="transforms.RandomErasing"/>.</summary>
    public sealed class RandomErasing : torchvision.ITransform
    {
        private readonly double _p;
        private readonly (double min, double max) _scale, _ratio;
        private readonly float[]? _value;
        private readonly bool _random;

        internal RandomErasing(double p, (double min, double max) scale, (double min, double max) ratio, float[]? value, bool random)
        {
            if (!(p is >= 0 and <= 1)) throw new ArgumentException($"RandomErasing: p is a probability, in [0, 1]; got {p}.", nameof(p));
            if (!(scale.min > 0 && scale.max >= scale.min && scale.max <= 1))
                throw new ArgumentException($"RandomErasing: scale is the erased fraction of the image, a range 0 < min <= max <= 1; got ({scale.min}, {scale.max}).", nameof(scale));
            if (!(ratio.min > 0 && ratio.max >= ratio.min))
                throw new ArgumentException($"RandomErasing: ratio is the rectangle's aspect ratio, a range 0 < min <= max; got ({ratio.min}, {ratio.max}).", nameof(ratio));
            if (random && value is not null) throw new ArgumentException("RandomErasing: give a fill value or random: true, not both.", nameof(value));
            (_p, _scale, _ratio, _value, _random) = (p, scale, ratio, value, random);
        }


        public Tensor call(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (input.dim() != 3)
                throw new ArgumentException($"RandomErasing: expected one image C x H x W, got shape [{string.Join(", ", input.shape)}].", nameof(input));
            if (!input.is_floating_point())
                throw new ArgumentException($"RandomErasing: expected a float image (put it after ToTensor), got {input.dtype}.", nameof(input));
            long channels = input.shape[0];
            if (_value is { Length: var n } && n != 1 && n != channels)
                throw new ArgumentException($"RandomErasing: {n} fill values for an image of {channels} channels; give 1 or {channels}.", nameof(input));
            using (var coin = rand(1))
                if (!(coin.item<float>() < _p)) return input;
            long height = input.shape[1], width = input.shape[2];
            double area = height * width;
            var logRatio = LogRatio(_ratio);
            for (int attempt = 0; attempt < 10; attempt++)
            {
                var (h, w) = Box(area, _scale, logRatio);
                if (!(h < height && w < width)) continue;
                using var scope = NewDisposeScope();
                var fill = _random ? empty(channels, h, w).normal_().to(input.dtype)
                    : _value is null ? zeros(channels, h, w, dtype: input.dtype)
                    : tensor(_value, dtype: input.dtype).reshape(-1, 1, 1).expand(channels, h, w);
                int top = (int)randint(0, height - h + 1, [1]).item<long>();
                int left = (int)randint(0, width - w + 1, [1]).item<long>();
                return torchvision.transforms.functional.erase(input, top, left, h, w, fill.to(input.device)).MoveToOuterDisposeScope();
            }
            return input;
        }
    }
}

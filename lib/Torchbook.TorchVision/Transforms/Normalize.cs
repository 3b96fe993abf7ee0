using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision
{
    public static partial class transforms
    {
        /// <summary>
        /// Normalizes a float image channel by channel: <c>output[c] = (input[c] - means[c]) / stdevs[c]</c>.
        /// The image is C x H x W (or a batch ... x C x H x W); give one mean and one standard
        /// deviation per channel, or a single one for every channel. With
        /// <paramref name="inplace"/> the input itself is changed and returned.
        /// (TorchVision 0.107's <c>torchvision.transforms.Normalize</c> takes only batches N x C x H x W.)
        /// </summary>
        public static Transforms.Normalize Normalize(double[] means, double[] stdevs, bool inplace = false) => new(means, stdevs, inplace);
    }
}

namespace Torchbook.Vision.Transforms
{
    /// <summary>Per-channel (x - mean) / std. See <see cref="torchvision.transforms.Normalize"/>.</summary>
    public sealed class Normalize : torchvision.ITransform
    {
        private readonly double[] _means, _stdevs;

        public Normalize(double[] means, double[] stdevs, bool inplace = false)
        {
            ArgumentNullException.ThrowIfNull(means);
            ArgumentNullException.ThrowIfNull(stdevs);
            if (means.Length == 0 || stdevs.Length == 0)
                throw new ArgumentException("Normalize: give at least one mean and one standard deviation (one per channel, or one for all channels).");
            if (means.Length != stdevs.Length && means.Length != 1 && stdevs.Length != 1)
                throw new ArgumentException($"Normalize: {means.Length} means but {stdevs.Length} standard deviations; give one of each per channel.");
            for (int i = 0; i < stdevs.Length; i++)
                if (stdevs[i] == 0 || double.IsNaN(stdevs[i]))
                    throw new ArgumentException($"Normalize: standard deviation {i} is {stdevs[i]}, which would divide by zero; every standard deviation must be non-zero.", nameof(stdevs));
            _means = (double[])means.Clone();
            _stdevs = (double[])stdevs.Clone();
            this.inplace = inplace;
        }

        public IReadOnlyList<double> means => _means;
        public IReadOnlyList<double> stdevs => _stdevs;
        public bool inplace { get; }

        public Tensor call(Tensor input)
        {
            ArgumentNullException.ThrowIfNull(input);
            if (!input.is_floating_point())
                throw new ArgumentException(
                    $"Normalize: expected a float image, got a {input.dtype} tensor. Put ToTensor() (8-bit images to float in [0, 1]) or torchvision.transforms.ConvertImageDtype(ScalarType.Float32) before Normalize.",
                    nameof(input));
            if (input.ndim < 3)
                throw new ArgumentException(
                    $"Normalize: expected an image C x H x W (or a batch ... x C x H x W), got {input.ndim} dimension(s) [{string.Join(", ", input.shape)}]. " +
                    "A grey H x W image needs its channel dimension: .unsqueeze(0), or ToTensor() which adds it.", nameof(input));
            long channels = input.shape[^3];
            foreach (var (values, name) in new[] { (_means, "means"), (_stdevs, "standard deviations") })
                if (values.Length != 1 && values.Length != channels)
                    throw new ArgumentException(
                        $"Normalize: the image has {channels} channel(s) (dimension -3 of [{string.Join(", ", input.shape)}]) but {values.Length} {name} were given; " +
                        $"give {channels} {name} (one per channel) or a single one for all channels.", nameof(input));

            using var scope = NewDisposeScope();
            // As torchvision: mean and std as tensors of the image's dtype, shaped C x 1 x 1.
            var mean = tensor(_means, ScalarType.Float64).to(input.dtype, input.device).view(-1, 1, 1);
            var std = tensor(_stdevs, ScalarType.Float64).to(input.dtype, input.device).view(-1, 1, 1);
            if (inplace)
            {
                input.sub_(mean).div_(std);
                return input;
            }
            return input.sub(mean).div_(std).MoveToOuterDisposeScope();
        }

        public override string ToString() =>
            $"Normalize(mean=[{string.Join(", ", _means.Select(m => m.ToString(CultureInfo.InvariantCulture)))}], std=[{string.Join(", ", _stdevs.Select(s => s.ToString(CultureInfo.InvariantCulture)))}])";
    }
}

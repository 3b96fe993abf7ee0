using static TorchSharp.torch;

namespace Torchbook.Audio;

public static partial class torchaudio
{
    public static partial class functional
    {
        /// <summary>
        /// SpecAugment's mask, as torchaudio.functional.mask_along_axis: one band of consecutive frequency rows
        /// (<paramref name="axis"/> 1) or time columns (axis 2) set to <paramref name="mask_value"/>, the same band for
        /// every channel and batch item. Its width is drawn uniformly from [0, mask_param), its start uniformly
        /// where it fits, from torch's default generator (torch.manual_seed makes it repeatable).
        /// </summary>
        /// <param name="specgram">A spectrogram (..., freq, time).</param>
        /// <param name="mask_param">The largest width (exclusive).</param>
        /// <param name="mask_value">The value written into the band.</param>
        /// <param name="axis">1: frequency, 2: time (of the (channel, freq, time) view).</param>
        /// <param name="p">At most this fraction of the axis is masked (1: no limit).</param>
        public static Tensor mask_along_axis(Tensor specgram, long mask_param, double mask_value, int axis, double p = 1.0)
        {
            CheckMasking(specgram, axis, p, 2, "mask_along_axis");
            var width = MaskParam(mask_param, p, specgram.shape[^(3 - axis)]);
            if (width < 1) return specgram;

            using var scope = NewDisposeScope();
            var shape = specgram.shape;
            var packed = specgram.reshape([-1, shape[^2], shape[^1]]);
            var value = rand(1) * width;
            var min_value = rand(1) * (packed.shape[axis] - value);
            var start = min_value.@long().squeeze();
            var end = (min_value.@long() + value.@long()).squeeze();
            var index = arange(0, packed.shape[axis], device: packed.device, dtype: packed.dtype);
            var mask = (index >= start) & (index < end);
            if (axis == 1) mask = mask.unsqueeze(-1);
            return packed.masked_fill(mask, mask_value).reshape(shape).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// As <see cref="mask_along_axis"/>, but a band of its own for every example and channel of a batch
        /// (torchaudio.functional.mask_along_axis_iid): <paramref name="specgrams"/> is (batch, channel, freq, time)
        /// and <paramref name="axis"/> 2 is frequency, 3 is time.
        /// </summary>
        public static Tensor mask_along_axis_iid(Tensor specgrams, long mask_param, double mask_value, int axis, double p = 1.0)
        {
            if (specgrams.ndim != 4)
                throw new ArgumentException($"mask_along_axis_iid: expected a batch (batch, channel, freq, time), got shape [{string.Join(", ", specgrams.shape)}].", nameof(specgrams));
            CheckMasking(specgrams, axis - 1, p, 3, "mask_along_axis_iid");
            var width = MaskParam(mask_param, p, specgrams.shape[axis]);
            if (width < 1) return specgrams;

            using var scope = NewDisposeScope();
            var batch = specgrams.shape[..2];
            var value = rand(batch, dtype: specgrams.dtype, device: specgrams.device) * width;
            var min_value = rand(batch, dtype: specgrams.dtype, device: specgrams.device) * (specgrams.shape[axis] - value);
            var start = min_value.@long().unsqueeze(-1).unsqueeze(-1);
            var end = (min_value.@long() + value.@long()).unsqueeze(-1).unsqueeze(-1);
            var index = arange(0, specgrams.shape[axis], device: specgrams.device, dtype: specgrams.dtype);
            var moved = specgrams.transpose(axis, -1);
            var masked = moved.masked_fill((index >= start) & (index < end), mask_value);
            return masked.transpose(axis, -1).MoveToOuterDisposeScope();
        }

        private static void CheckMasking(Tensor specgram, int axis, double p, int minDims, string name)
        {
            if (axis is not (1 or 2))
                throw new ArgumentException($"{name}: only frequency and time masking are supported (axis {(minDims == 2 ? "1 or 2" : "2 or 3")}).", nameof(axis));
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"{name}: p must be between 0.0 and 1.0 ({p} given).", nameof(p));
            if (specgram.ndim < minDims)
                throw new ArgumentException($"{name}: expected a spectrogram (..., freq, time), got shape [{string.Join(", ", specgram.shape)}].", nameof(specgram));
        }

        private static long MaskParam(long mask_param, double p, long axisLength) =>
            p == 1.0 ? mask_param : Math.Min(mask_param, (long)(axisLength * p));
    }
}

using static TorchSharp.torch;

namespace Torchbook.Audio;

public static partial class torchaudio
{
    public static partial class functional
    {
        /// <summary>
        /// Band-limited resampling of a waveform (..., time) from <paramref name="orig_freq"/> to
        /// <paramref name="new_freq"/> Hz, as torchaudio.functional.resample: a windowed-sinc low-pass filter at
        /// <paramref name="rolloff"/> × the lower Nyquist frequency, applied as one strided convolution.
        /// The result has ceil(time · new_freq / orig_freq) samples.
        /// </summary>
        /// <param name="waveform">Audio (..., time), floating point.</param>
        /// <param name="orig_freq">The waveform's sample rate (a whole number of Hz).</param>
        /// <param name="new_freq">The sample rate wanted.</param>
        /// <param name="lowpass_filter_width">Zero crossings of the sinc on each side: sharper filter, more work.</param>
        /// <param name="rolloff">The filter's cutoff as a fraction of the lower Nyquist frequency (below 1 leaves room against aliasing).</param>
        /// <param name="resampling_method">"sinc_interpolation" (Hann window) or "kaiser_window".</param>
        /// <param name="beta">The Kaiser window's shape (torchaudio's default 14.769656459379492 when null).</param>
        public static Tensor resample(Tensor waveform, long orig_freq, long new_freq, int lowpass_filter_width = 6, double rolloff = 0.99,
            string resampling_method = "sinc_interpolation", double? beta = null)
        {
            if (orig_freq <= 0 || new_freq <= 0)
                throw new ArgumentException($"resample: orig_freq and new_freq must be positive (got {orig_freq} and {new_freq}).");
            if (!waveform.is_floating_point())
                throw new ArgumentException($"resample: the waveform must be floating point, not {waveform.dtype}.", nameof(waveform));
            if (orig_freq == new_freq) return waveform;
            var (kernel, width) = SincResampleKernel(orig_freq, new_freq, lowpass_filter_width, rolloff, resampling_method, beta, waveform.dtype);
            using (kernel) return ApplySincResampleKernel(waveform, orig_freq, new_freq, kernel, width);
        }

        /// <summary>
        /// The resampling filters: one row per output phase (new_freq / gcd of them), each 2·width + orig_freq / gcd taps.
        /// <paramref name="dtype"/> null computes in float64 and returns float32 (torchaudio.transforms.Resample's default).
        /// </summary>
        internal static (Tensor Kernel, long Width) SincResampleKernel(long orig_freq, long new_freq, int lowpass_filter_width, double rolloff,
            string resampling_method, double? beta, ScalarType? dtype)
        {
            if (resampling_method is not ("sinc_interpolation" or "kaiser_window"))
                throw new ArgumentException($"resample: resampling_method must be \"sinc_interpolation\" or \"kaiser_window\", not \"{resampling_method}\".", nameof(resampling_method));
            if (lowpass_filter_width <= 0)
                throw new ArgumentException($"resample: lowpass_filter_width must be positive, not {lowpass_filter_width}.", nameof(lowpass_filter_width));
            if (!(rolloff > 0 && rolloff <= 1))
                throw new ArgumentException($"resample: rolloff must be in (0, 1], not {rolloff}.", nameof(rolloff));

            var gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(orig_freq, new_freq);
            var orig = orig_freq / gcd;
            var @new = new_freq / gcd;
            var base_freq = Math.Min(orig, @new) * rolloff;
            var width = (long)Math.Ceiling(lowpass_filter_width * orig / base_freq);

            using var scope = NewDisposeScope();
            var idx = (arange(-width, width + orig, dtype: dtype ?? ScalarType.Float64) / orig).unsqueeze(0).unsqueeze(0);
            // Without a dtype, torchaudio divides integer phases in the default float32 before adding idx (float64).
            var t = arange(0, -@new, -1, dtype: dtype ?? ScalarType.Int64).unsqueeze(1).unsqueeze(2) / @new + idx;
            t = (t * base_freq).clamp(-lowpass_filter_width, lowpass_filter_width);
            Tensor window;
            if (resampling_method == "sinc_interpolation")
                window = cos(t * Math.PI / lowpass_filter_width / 2).pow(2);
            else
            {
                var b = tensor(beta ?? 14.769656459379492, dtype: t.dtype);
                window = special.i0(b * sqrt(1 - (t / lowpass_filter_width).pow(2))) / special.i0(b);
            }
            t = t * Math.PI;
            var scale = base_freq / orig;
            var kernels = where(t == 0, ones_like(t), t.sin() / t) * window * scale;
            if (dtype is null) kernels = kernels.to(ScalarType.Float32);
            return (kernels.MoveToOuterDisposeScope(), width);
        }

        internal static Tensor ApplySincResampleKernel(Tensor waveform, long orig_freq, long new_freq, Tensor kernel, long width)
        {
            var gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(orig_freq, new_freq);
            var orig = orig_freq / gcd;
            var @new = new_freq / gcd;
            using var scope = NewDisposeScope();
            var shape = waveform.shape;
            var length = shape[^1];
            var packed = waveform.reshape(-1, length);
            var padded = nn.functional.pad(packed, [width, width + orig]);
            var resampled = nn.functional.conv1d(padded.unsqueeze(1), kernel.to(waveform.dtype), stride: orig);
            resampled = resampled.transpose(1, 2).reshape(packed.shape[0], -1);
            var target = (long)Math.Ceiling(@new * (double)length / orig);
            resampled = resampled[TensorIndex.Ellipsis, TensorIndex.Slice(null, target)];
            return resampled.reshape(shape[..^1].Append(resampled.shape[^1]).ToArray()).MoveToOuterDisposeScope();
        }
    }
}

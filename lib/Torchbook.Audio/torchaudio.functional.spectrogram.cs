using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio;

public static partial class torchaudio
{
    public static partial class functional
    {
        /// <summary>
        /// A spectrogram of a waveform (..., time), as torchaudio.functional.spectrogram: the short-time Fourier
        /// transform of windowed frames, as magnitudes raised to <paramref name="power"/> (2: power, 1: magnitude)
        /// or, with power null, the complex values. Result: (..., n_fft / 2 + 1, frames).
        /// </summary>
        /// <param name="waveform">Audio (..., time), floating point.</param>
        /// <param name="pad">Zeros added at both ends before framing.</param>
        /// <param name="window">The window multiplied with every frame (length <paramref name="win_length"/>).</param>
        /// <param name="n_fft">FFT size.</param>
        /// <param name="hop_length">Samples between the starts of neighbouring frames.</param>
        /// <param name="win_length">Window length (at most n_fft; shorter windows are centred and zero-padded).</param>
        /// <param name="power">Exponent of the magnitude (positive), or null for the complex spectrogram.</param>
        /// <param name="normalized">"window" (or true): divide by the window's L2 norm; "frame_length": by sqrt(n_fft); false or null: neither.</param>
        /// <param name="center">Pad n_fft / 2 samples at both ends so frame t is centred on sample t·hop_length.</param>
        /// <param name="pad_mode">How centre padding fills: "reflect" (default), "constant", "replicate" or "circular".</param>
        /// <param name="onesided">Keep only the n_fft / 2 + 1 non-negative frequencies (real input).</param>
        public static Tensor spectrogram(Tensor waveform, long pad, Tensor window, long n_fft, long hop_length, long win_length,
            double? power, object? normalized, bool center = true, string pad_mode = "reflect", bool onesided = true)
        {
            var (frameLengthNorm, windowNorm) = SpectrogramNorms(normalized);
            if (power is <= 0) throw new ArgumentException($"spectrogram: power must be positive (2 for power, 1 for magnitude) or null for complex values, not {power}.", nameof(power));
            if (!waveform.is_floating_point())
                throw new ArgumentException($"spectrogram: the waveform must be floating point (float32 samples in [-1, 1]), not {waveform.dtype}.", nameof(waveform));
            if (waveform.ndim < 1 || waveform.shape[^1] == 0)
                throw new ArgumentException($"spectrogram: expected a waveform (..., time) with samples, got shape [{string.Join(", ", waveform.shape)}].", nameof(waveform));
            var mode = PaddingMode(pad_mode);

            using var scope = NewDisposeScope();
            if (pad > 0) waveform = nn.functional.pad(waveform, [pad, pad], PaddingModes.Constant);
            var shape = waveform.shape;
            var samples = shape[^1];
            if (center && mode == PaddingModes.Reflect && samples <= n_fft / 2)
                throw new ArgumentException(
                    $"spectrogram: the waveform has {samples} samples, too short for reflect padding of n_fft / 2 = {n_fft / 2} at each end " +
                    $"(it needs more than {n_fft / 2}). Use a smaller n_fft, pad the waveform, or pass pad_mode \"constant\".", nameof(waveform));
            if (!center && samples < n_fft)
                throw new ArgumentException($"spectrogram: the waveform has {samples} samples, fewer than n_fft = {n_fft} (one frame) with center = false.", nameof(waveform));

            var packed = waveform.reshape(-1, samples);
            var spec = stft(packed, n_fft, hop_length, win_length, window, center, mode, frameLengthNorm, onesided, return_complex: true);
            var outShape = shape[..^1].Concat(spec.shape[^2..]).ToArray();
            spec = spec.reshape(outShape);
            if (windowNorm) spec = spec / window.pow(2.0).sum().sqrt();
            Tensor result = power switch
            {
                null => spec,
                1.0 => spec.abs(),
                2.0 => real(spec).square() + imag(spec).square(),   // |z|² without the square root: 4 times faster than abs().pow(2) in libtorch 2.10
                { } p => spec.abs().pow(p),
            };
            return result.MoveToOuterDisposeScope();
        }

        /// <summary>torchaudio's reading of "normalized": true or "window" divides by the window norm, "frame_length" makes the STFT itself normalized.</summary>
        internal static (bool FrameLength, bool Window) SpectrogramNorms(object? normalized) => normalized switch
        {
            null or false => (false, false),
            true or "window" => (false, true),
            "frame_length" => (true, false),
            string s => throw new ArgumentException($"spectrogram: normalized must be false, true, \"window\" or \"frame_length\", not \"{s}\".", nameof(normalized)),
            _ => throw new ArgumentException($"spectrogram: normalized must be a bool or a string, not {normalized.GetType().Name}.", nameof(normalized)),
        };

        private static PaddingModes PaddingMode(string pad_mode) => pad_mode switch
        {
            "reflect" => PaddingModes.Reflect,
            "constant" => PaddingModes.Constant,
            "replicate" => PaddingModes.Replicate,
            "circular" => PaddingModes.Circular,
            _ => throw new ArgumentException($"spectrogram: pad_mode must be \"reflect\", \"constant\", \"replicate\" or \"circular\", not \"{pad_mode}\".", nameof(pad_mode)),
        };

        /// <summary>
        /// The DCT-II matrix (n_mels, n_mfcc), as torchaudio.functional.create_dct: mel bins times it give cepstral
        /// coefficients. norm "ortho" makes it orthonormal; null scales by 2.
        /// </summary>
        public static Tensor create_dct(long n_mfcc, long n_mels, string? norm)
        {
            if (norm is not (null or "ortho")) throw new ArgumentException($"create_dct: norm must be null or \"ortho\", not \"{norm}\".", nameof(norm));
            if (n_mfcc < 1 || n_mels < 1) throw new ArgumentException($"create_dct: n_mfcc and n_mels must be at least 1 (got {n_mfcc} and {n_mels}).");
            using var scope = NewDisposeScope();
            var n = arange((double)n_mels, dtype: ScalarType.Float32);
            var k = arange((double)n_mfcc, dtype: ScalarType.Float32).unsqueeze(1);
            var dct = cos(Math.PI / n_mels * (n + 0.5) * k);   // (n_mfcc, n_mels)
            if (norm is null) dct = dct * 2.0;
            else
            {
                dct[0] = dct[0] * (1.0 / Math.Sqrt(2.0));
                dct = dct * Math.Sqrt(2.0 / n_mels);
            }
            return dct.t().contiguous().MoveToOuterDisposeScope();
        }
    }
}

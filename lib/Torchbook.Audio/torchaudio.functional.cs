using static TorchSharp.torch;

namespace Torchbook.Audio;

/// <summary>
/// torchaudio's API under its own names, for what TorchSharp lacks:
/// <c>torchaudio.functional.melscale_fbanks(...)</c> reads as it does in Python.
/// </summary>
public static partial class torchaudio
{
    /// <summary>torchaudio.functional: the stateless operations.</summary>
    public static partial class functional
    {
        /// <summary>
        /// Triangular mel filterbanks, as torchaudio.functional.melscale_fbanks: an
        /// (<paramref name="n_freqs"/>, <paramref name="n_mels"/>) float32 matrix; a spectrogram's
        /// frequency bins times it gives mel bins. The filters' edges are <paramref name="n_mels"/> + 2
        /// points evenly spaced in mels between <paramref name="f_min"/> and <paramref name="f_max"/>.
        /// </summary>
        /// <param name="n_freqs">Frequency bins of the spectrogram (n_fft / 2 + 1).</param>
        /// <param name="f_min">Lowest frequency, in Hz.</param>
        /// <param name="f_max">Highest frequency, in Hz (usually sample_rate / 2).</param>
        /// <param name="n_mels">Number of mel filters.</param>
        /// <param name="sample_rate">Sample rate of the audio, in Hz.</param>
        /// <param name="norm">null, or "slaney": divide each triangle by its width in Hz (equal area).</param>
        /// <param name="mel_scale">"htk" (default) or "slaney".</param>
        public static Tensor melscale_fbanks(long n_freqs, double f_min, double f_max, long n_mels, long sample_rate,
            string? norm = null, string mel_scale = "htk")
        {
            if (norm is not (null or "slaney"))
                throw new ArgumentException($"norm must be null or \"slaney\", not \"{norm}\".", nameof(norm));
            if (n_freqs < 1 || n_mels < 1)
                throw new ArgumentException($"n_freqs and n_mels must be at least 1 (got {n_freqs} and {n_mels}).");
            if (!(f_min >= 0 && f_max > f_min))
                throw new ArgumentException($"need 0 <= f_min < f_max (got f_min {f_min}, f_max {f_max}).");

            using var scope = NewDisposeScope();
            var all_freqs = linspace(0, sample_rate / 2, n_freqs);   // integer division, as torchaudio's sample_rate // 2
            var m_pts = linspace(MelScale.HzToMel(f_min, mel_scale), MelScale.HzToMel(f_max, mel_scale), n_mels + 2);
            var f_pts = MelScale.MelToHz(m_pts, mel_scale);
            var fb = TriangularFilterbank(all_freqs, f_pts);
            if (norm == "slaney")
                fb = fb * (2.0 / (f_pts[TensorIndex.Slice(2, n_mels + 2)] - f_pts[TensorIndex.Slice(0, n_mels)])).unsqueeze(0);
            return fb.MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Decibels, as torchaudio.functional.amplitude_to_DB: <c>multiplier·log10(max(x, amin)) − multiplier·db_multiplier</c>;
        /// with <paramref name="top_db"/>, values more than top_db below the maximum of each spectrogram
        /// (the last three dimensions of a batch, the last two of a single one) are raised to it.
        /// </summary>
        public static Tensor amplitude_to_DB(Tensor x, double multiplier, double amin, double db_multiplier, double? top_db = null)
        {
            if (x.ndim < 2) throw new ArgumentException($"amplitude_to_DB: expected a spectrogram (..., freq, time), got shape [{string.Join(", ", x.shape)}].", nameof(x));
            using var scope = NewDisposeScope();
            var x_db = multiplier * log10(clamp(x, min: amin));
            x_db = x_db - multiplier * db_multiplier;
            if (top_db is { } top)
            {
                var shape = x_db.shape;
                var channels = x_db.ndim > 2 ? shape[^3] : 1;
                var packed = x_db.reshape(-1, channels, shape[^2], shape[^1]);
                var floor = (packed.amax([-3, -2, -1]) - top).view(-1, 1, 1, 1);
                x_db = maximum(packed, floor).reshape(shape);
            }
            return x_db.MoveToOuterDisposeScope();
        }

        /// <summary>Triangles rising from f_pts[i] to f_pts[i+1] and falling to f_pts[i+2], sampled at all_freqs.</summary>
        private static Tensor TriangularFilterbank(Tensor all_freqs, Tensor f_pts)
        {
            var f_diff = f_pts[TensorIndex.Slice(1)] - f_pts[TensorIndex.Slice(null, -1)];
            var slopes = f_pts.unsqueeze(0) - all_freqs.unsqueeze(1);
            var down = (-1.0 * slopes[TensorIndex.Colon, TensorIndex.Slice(null, -2)]) / f_diff[TensorIndex.Slice(null, -1)];
            var up = slopes[TensorIndex.Colon, TensorIndex.Slice(2)] / f_diff[TensorIndex.Slice(1)];
            return maximum(zeros(1), minimum(down, up));
        }
    }
}

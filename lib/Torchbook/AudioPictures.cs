using Torchbook.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Pictures of sound tensors: a waveform against time, and spectrograms as heatmaps with time and frequency
/// axes (low frequencies at the bottom). A mel or dB spectrogram from torchaudio's transforms draws as it is.
/// </summary>
public static class AudioPictures
{
    /// <summary>
    /// A waveform (samples) or (channels, samples) drawn against time in seconds, one line per channel.
    /// Long clips are drawn from at most <paramref name="maxPoints"/> points per channel (each the sample of
    /// largest magnitude in its stretch, so peaks stay visible).
    /// </summary>
    public static XYChart ToWaveformChart(this Tensor waveform, int sampleRate, string? title = null, int maxPoints = 4000,
        int width = 640, int height = 260)
    {
        if (waveform.ndim is not (1 or 2) || waveform.shape[^1] == 0)
            throw new ArgumentException($"ToWaveformChart: expected a waveform (samples) or (channels, samples), got shape [{string.Join(", ", waveform.shape)}].", nameof(waveform));
        if (sampleRate < 1) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "ToWaveformChart: the sample rate must be positive.");
        using var w = (waveform.ndim == 1 ? waveform.unsqueeze(0) : waveform).detach().cpu().to(ScalarType.Float64).contiguous();
        long channels = w.shape[0], samples = w.shape[1];
        int step = (int)Math.Max(1, (samples + maxPoints - 1) / maxPoints);
        var series = new List<(string Name, IEnumerable<double> Y)>();
        double[] times = [];
        for (long c = 0; c < channels; c++)
        {
            var values = w[c].data<double>().ToArray();
            var picked = new List<double>();
            var at = new List<double>();
            for (int start = 0; start < values.Length; start += step)
            {
                int best = start;
                for (int i = start + 1; i < Math.Min(values.Length, start + step); i++)
                    if (Math.Abs(values[i]) > Math.Abs(values[best])) best = i;
                picked.Add(values[best]);
                at.Add(best / (double)sampleRate);
            }
            times = [.. at];
            series.Add((channels == 1 ? "waveform" : $"channel {c}", picked));
        }
        return Plot.Lines(times, series, title: title, xTitle: "time (s)", yTitle: "amplitude", width: width, height: height);
    }

    /// <summary>
    /// A spectrogram (freq, frames), or (1, freq, frames), as a heatmap: time in seconds along x, frequency up.
    /// Give <paramref name="nFft"/> for a linear spectrogram (bin k is k·sample_rate/n_fft Hz); leave it 0 for a mel
    /// spectrogram (the axis counts mel bins). Values are drawn as given: pass dB (AmplitudeToDB) to see quiet detail.
    /// </summary>
    public static Heatmap ToSpectrogramChart(this Tensor spectrogram, int sampleRate, long hopLength, long nFft = 0, string? title = null,
        string colorBarTitle = "dB", int width = 640, int height = 320)
    {
        var s = spectrogram.ndim == 3 && spectrogram.shape[0] == 1 ? spectrogram[0] : spectrogram;
        if (s.ndim != 2)
            throw new ArgumentException($"ToSpectrogramChart: expected a spectrogram (freq, frames) or (1, freq, frames), got shape [{string.Join(", ", spectrogram.shape)}]; pick one channel first.", nameof(spectrogram));
        if (s.is_complex())
            throw new ArgumentException("ToSpectrogramChart: the spectrogram is complex; draw its magnitude (power: 2 or 1) instead.", nameof(spectrogram));
        using var m = s.detach().cpu().to(ScalarType.Float64).contiguous();
        int bins = (int)m.shape[0], frames = (int)m.shape[1];
        if (nFft > 0 && bins != nFft / 2 + 1)
            throw new ArgumentException($"ToSpectrogramChart: a spectrogram of n_fft {nFft} has {nFft / 2 + 1} frequency bins, this one has {bins}; for a mel spectrogram leave nFft out.", nameof(nFft));
        double[]? frequencies = nFft > 0 ? Enumerable.Range(0, bins).Select(k => k * (double)sampleRate / nFft).ToArray() : null;
        return Plot.Spectrogram(m.data<double>().ToArray(), bins, frames, sampleRate, hopLength, frequencies, title, colorBarTitle,
            width: width, height: height);
    }
}

using System.Globalization;
using System.Text;

namespace Torchbook.Audio.Datasets;

/// <summary>
/// An offline stand-in for ESC-50, for machines that cannot download it: ten classes of environmental sounds
/// synthesized here (a siren, a ticking clock, church bells, an engine, crickets, wind, sea waves, birdsong,
/// rain, knocking on wood), each clip with its own random pitch, timing and loudness, a quieter sound of another
/// class behind it, and background noise.
/// The layout is ESC-50's: <c>audio/{fold}-{source}-{take}-{target}.wav</c> and <c>meta/esc50.csv</c> with the
/// columns filename, fold, target, category, esc10, src_file, take, and five folds for cross-validation.
/// Their tones stay below 4 kHz, so a model that hears at 8 kHz keeps them (rain's drops reach higher).
/// The sounds are made by formulas, not recorded: a model that learns them has learned something far easier
/// than real ESC-50, and the chapters say so.
/// </summary>
public static class SynthesizedEsc50
{
    /// <summary>The ten categories, in target order.</summary>
    public static IReadOnlyList<string> Categories { get; } =
        ["siren", "clock_tick", "church_bells", "engine", "crickets", "wind", "sea_waves", "chirping_birds", "rain", "door_wood_knock"];

    /// <summary>The marker file that says a folder holds this stand-in (and with which settings).</summary>
    public const string MarkerFile = "STAND-IN.txt";

    /// <summary>
    /// Writes the stand-in into <paramref name="root"/> unless it is already there with the same settings, and returns
    /// <paramref name="root"/>. The clips are made in a temporary folder that is renamed into place when complete, so an
    /// interrupted run leaves nothing half-written. The same settings always give the same files.
    /// </summary>
    /// <param name="root">The folder to create (its parent must be writable).</param>
    /// <param name="clipsPerClassPerFold">Clips of each class in each of the five folds (ESC-50 has 8).</param>
    /// <param name="sampleRate">Samples per second (ESC-50's recordings are 44,100 Hz).</param>
    /// <param name="seconds">Length of every clip (ESC-50's are 5 s).</param>
    public static string Create(string root, int clipsPerClassPerFold = 8, int sampleRate = 16000, double seconds = 2.0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (clipsPerClassPerFold < 1) throw new ArgumentOutOfRangeException(nameof(clipsPerClassPerFold), clipsPerClassPerFold, "at least one clip per class and fold");
        if (sampleRate < 8000) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "at least 8000 Hz (the crickets and birds sing up to 3.8 kHz)");
        if (!(seconds >= 0.5 && seconds <= 10)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "between 0.5 and 10 seconds");

        var full = Path.GetFullPath(root);
        var settings = FormattableString.Invariant($"clips per class per fold: {clipsPerClassPerFold}; sample rate: {sampleRate} Hz; seconds: {seconds}; version: 3");
        bool Present() => File.Exists(Path.Combine(full, MarkerFile)) && File.Exists(Path.Combine(full, "meta", "esc50.csv"))
            && File.ReadAllText(Path.Combine(full, MarkerFile)).Contains(settings, StringComparison.Ordinal);
        if (Present()) return full;

        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path.Combine(temporary, "audio"));
            Directory.CreateDirectory(Path.Combine(temporary, "meta"));
            var csv = new StringBuilder("filename,fold,target,category,esc10,src_file,take\n");
            int frames = (int)Math.Round(seconds * sampleRate);
            for (int fold = 1; fold <= 5; fold++)
                for (int target = 0; target < Categories.Count; target++)
                    for (int k = 0; k < clipsPerClassPerFold; k++)
                    {
                        int source = 100000 + (fold * 100 + target) * 100 + k;   // unique per clip, like ESC-50's Freesound ids
                        var rng = new Random(source);
                        var clip = Synthesize(target, rng, frames, sampleRate);
                        var name = $"{fold}-{source}-A-{target}.wav";
                        File.WriteAllBytes(Path.Combine(temporary, "audio", name), Plots.Audio.FromSamples(clip, sampleRate).ToWav());
                        csv.Append(CultureInfo.InvariantCulture, $"{name},{fold},{target},{Categories[target]},False,{source}.wav,A\n");
                    }
            File.WriteAllText(Path.Combine(temporary, "meta", "esc50.csv"), csv.ToString());
            File.WriteAllText(Path.Combine(temporary, MarkerFile),
                "A synthesized stand-in for ESC-50 (made by Torchbook.Audio.Datasets.SynthesizedEsc50), not recordings.\n" +
                "Fetch the real data set with data-scripts/esc50.sh.\n" + settings + "\n");
            if (Present()) return full;   // another process finished first: keep its copy
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);   // an older version, or other settings
            Directory.Move(temporary, full);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        return full;
    }

    /// <summary>
    /// One clip of class <paramref name="target"/>: the sound at a random gain, a quieter sound of another class behind
    /// it (as a real recording has other things in it), and background noise.
    /// </summary>
    internal static float[] Synthesize(int target, Random rng, int frames, int rate)
    {
        var sound = Sound(target, rng, frames, rate);
        int other = (target + 1 + rng.Next(Categories.Count - 1)) % Categories.Count;
        var background = Sound(other, rng, frames, rate);
        double gain = U(rng, 0.3, 0.9), behind = U(rng, 0.1, 0.4), noise = U(rng, 0.005, 0.05);
        var clip = new float[frames];
        for (int i = 0; i < frames; i++) clip[i] = (float)Math.Clamp(gain * (sound[i] + behind * background[i]) + noise * Normal(rng), -1, 1);
        return clip;
    }

    /// <summary>A sound of class <paramref name="target"/> with random pitch and timing, scaled to a peak of 1.</summary>
    internal static double[] Sound(int target, Random rng, int frames, int rate)
    {
        var x = new double[frames];
        switch (Categories[target])
        {
            case "siren":
            {
                double low = U(rng, 500, 900), high = U(rng, 1100, 1600), period = U(rng, 0.4, 1.8), phase = 0, start = U(rng, 0, 6.28);
                for (int i = 0; i < frames; i++)
                {
                    double f = low + (high - low) * 0.5 * (1 + Math.Sin(start + 2 * Math.PI * i / rate / period));
                    phase += 2 * Math.PI * f / rate;
                    x[i] = Math.Sin(phase) + 0.3 * Math.Sin(2 * phase);
                }
                break;
            }
            case "clock_tick":
            {
                double interval = rng.Next(2) == 0 ? 0.5 : U(rng, 0.25, 0.35), pitch = U(rng, 2000, 4000);
                for (double t = U(rng, 0, interval); t < frames / (double)rate; t += interval * U(rng, 0.97, 1.03))
                    AddDecay(x, rate, t, pitch, 0.003, 1.0, rng);
                break;
            }
            case "church_bells":
            {
                double f0 = U(rng, 200, 500);
                double[] ratios = [0.5, 1, 1.19, 1.5, 2, 2.5, 3];
                for (double t = U(rng, 0, 0.3); t < frames / (double)rate; t += U(rng, 0.6, 1.2))
                    foreach (var r in ratios) AddDecay(x, rate, t, f0 * r, U(rng, 0.4, 1.2), 1 / r, rng);
                break;
            }
            case "engine":
            {
                double f0 = U(rng, 30, 80), wobble = U(rng, 2, 8);
                for (int i = 0; i < frames; i++)
                {
                    double t = i / (double)rate, v = 0;
                    for (int h = 1; h <= 12; h++) v += Math.Sin(2 * Math.PI * f0 * h * t) / h;
                    x[i] = v * (0.7 + 0.3 * Math.Sin(2 * Math.PI * wobble * t)) + 0.2 * Normal(rng);
                }
                break;
            }
            case "crickets":
            {
                double carrier = U(rng, 2500, 3800), pulses = U(rng, 20, 40), chirp = U(rng, 0.15, 0.35), gap = U(rng, 0.2, 0.5);
                for (int i = 0; i < frames; i++)
                {
                    double t = i / (double)rate, inChirp = t % (chirp + gap) < chirp ? 1 : 0;
                    x[i] = inChirp * Math.Max(0, Math.Sin(2 * Math.PI * pulses * t)) * Math.Sin(2 * Math.PI * carrier * t);
                }
                break;
            }
            case "wind":
            case "sea_waves":
            {
                bool sea = target == 6;
                double cutoff = sea ? U(rng, 1500, 4000) : U(rng, 200, 600), swell = sea ? U(rng, 0.6, 1.2) : U(rng, 0.1, 0.3), start = U(rng, 0, 6.28);
                double a = Math.Exp(-2 * Math.PI * cutoff / rate), y = 0;
                for (int i = 0; i < frames; i++)
                {
                    y = (1 - a) * Normal(rng) + a * y;
                    double s = Math.Sin(start + 2 * Math.PI * swell * i / rate);
                    x[i] = y * (sea ? s * s : 0.6 + 0.4 * s);
                }
                break;
            }
            case "chirping_birds":
            {
                for (int n = rng.Next(6, 14); n > 0; n--)
                {
                    double t0 = U(rng, 0, frames / (double)rate - 0.1), length = U(rng, 0.03, 0.1), f1 = U(rng, 1500, 3800), f2 = U(rng, 1500, 3800), phase = 0;
                    int first = (int)(t0 * rate), count = (int)(length * rate);
                    for (int i = 0; i < count && first + i < frames; i++)
                    {
                        double u = i / (double)count;
                        phase += 2 * Math.PI * (f1 + (f2 - f1) * u) / rate;
                        x[first + i] += Math.Sin(Math.PI * u) * Math.Sin(phase);
                    }
                }
                break;
            }
            case "rain":
            {
                double drops = U(rng, 60, 200);
                for (int i = 0; i < frames; i++) x[i] = 0.08 * Normal(rng);
                for (int n = (int)(drops * frames / rate); n > 0; n--)
                    AddDecay(x, rate, U(rng, 0, frames / (double)rate), U(rng, 1000, 7000), U(rng, 0.002, 0.01), U(rng, 0.2, 1.0), rng);
                break;
            }
            default:   // door_wood_knock
            {
                double f = U(rng, 150, 400), t = U(rng, 0.1, 0.5), gap = U(rng, 0.12, 0.25);
                for (int n = rng.Next(2, 5); n > 0 && t < frames / (double)rate; n--, t += gap * U(rng, 0.9, 1.1))
                {
                    AddDecay(x, rate, t, f, U(rng, 0.01, 0.03), 1.0, rng);
                    AddDecay(x, rate, t, f * 2.3, 0.008, 0.5, rng);
                }
                break;
            }
        }
        double peak = Math.Max(x.Max(Math.Abs), 1e-9);
        for (int i = 0; i < frames; i++) x[i] /= peak;
        return x;
    }

    /// <summary>Adds a struck resonance: a sine at <paramref name="frequency"/> from time <paramref name="start"/>, decaying with time constant <paramref name="decay"/>.</summary>
    private static void AddDecay(double[] x, int rate, double start, double frequency, double decay, double amplitude, Random rng)
    {
        int first = (int)(start * rate), count = (int)(decay * 6 * rate);
        double phase = U(rng, 0, 2 * Math.PI);
        for (int i = 0; i < count && first + i < x.Length; i++)
            x[first + i] += amplitude * Math.Exp(-i / (decay * rate)) * Math.Sin(phase + 2 * Math.PI * frequency * i / rate);
    }

    private static double U(Random rng, double low, double high) => low + (high - low) * rng.NextDouble();

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

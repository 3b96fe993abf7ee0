using System.Globalization;
using NWaves.Effects;
using NWaves.Operations;
using NWaves.Operations.Tsm;
using NWaves.Signals;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Audio;

public static partial class torchaudio
{
    /// <summary>
    /// torchaudio.sox_effects: SoX's effects as a chain of string lists, e.g.
    /// <c>apply_effects_tensor(waveform, 16000, [["gain", "-3"], ["pitch", "300"], ["fade", "q", "0.5"]])</c>.
    /// gain, echo, fade, trim, reverse, speed and rate follow SoX's arithmetic (gain, echo, fade, trim and reverse
    /// give SoX's numbers; rate resamples with torchaudio's filter, not SoX's). tempo and pitch use NWaves' WSOLA
    /// time stretching, so they sound like SoX's but are not its samples, and pitch keeps the sample rate (SoX's
    /// pitch changes it unless a rate follows). As in SoX, samples beyond full scale (±1) are clipped after each effect.
    /// </summary>
    public static class sox_effects
    {
        /// <summary>The effects <see cref="apply_effects_tensor"/> knows, with their SoX arguments.</summary>
        public static IReadOnlyDictionary<string, string> effect_names { get; } = new Dictionary<string, string>
        {
            ["gain"] = "gain DB: multiplies by 10^(DB/20)",
            ["echo"] = "echo GAIN-IN GAIN-OUT DELAY-MS DECAY [DELAY-MS DECAY ...]: delayed copies added; the output grows by the longest delay",
            ["fade"] = "fade [q|h|t|l|p] IN-LENGTH [STOP-POSITION [OUT-LENGTH]]: fade in, and out before STOP (0: the end); shapes quarter-sine, half-sine, linear, logarithmic (default), parabola",
            ["trim"] = "trim START [LENGTH]: keeps LENGTH from START",
            ["reverse"] = "reverse: plays backwards",
            ["speed"] = "speed FACTOR: faster and higher (or slower and lower) by relabelling the sample rate; add rate to resample",
            ["rate"] = "rate HZ: resamples to HZ",
            ["tempo"] = "tempo FACTOR: faster or slower at the same pitch (NWaves' WSOLA)",
            ["pitch"] = "pitch CENTS: higher or lower at the same speed (100 cents = a semitone; NWaves)",
        };

        /// <summary>
        /// Applies <paramref name="effects"/> in order to <paramref name="tensor"/> (channels, samples), as
        /// torchaudio.sox_effects.apply_effects_tensor; returns the result and its sample rate. Times are seconds
        /// ("0.5") or samples ("800s").
        /// </summary>
        public static (Tensor waveform, int sample_rate) apply_effects_tensor(Tensor tensor, int sample_rate, IEnumerable<string[]> effects,
            bool channels_first = true)
        {
            if (tensor.ndim != 2)
                throw new ArgumentException($"apply_effects_tensor: expected a waveform (channels, samples), got shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
            if (sample_rate < 1) throw new ArgumentOutOfRangeException(nameof(sample_rate), sample_rate, "apply_effects_tensor: the sample rate must be positive.");
            using var w = (channels_first ? tensor : tensor.t()).detach().cpu().to(ScalarType.Float32).contiguous();
            var channels = Enumerable.Range(0, (int)w.shape[0]).Select(c => w[c].data<float>().ToArray()).ToArray();
            int rate = sample_rate;
            foreach (var effect in effects)
            {
                if (effect is null || effect.Length == 0) throw new ArgumentException("apply_effects_tensor: an effect is empty; each is a name followed by its arguments, e.g. [\"gain\", \"-3\"].");
                var args = effect[1..];
                (channels, rate) = effect[0] switch
                {
                    "gain" => (Gain(channels, args), rate),
                    "echo" => (Echo(channels, rate, args), rate),
                    "fade" => (Fade(channels, rate, args), rate),
                    "trim" => (Trim(channels, rate, args), rate),
                    "reverse" => (Expect(args, 0, "reverse") ? channels.Select(c => c.Reverse().ToArray()).ToArray() : channels, rate),
                    "speed" => (channels, Speed(rate, args)),
                    "rate" => Rate(channels, rate, args),
                    "tempo" => (Tempo(channels, rate, args), rate),
                    "pitch" => (Pitch(channels, rate, args), rate),
                    var name => throw new ArgumentException($"apply_effects_tensor: unknown effect \"{name}\"; known: {string.Join(", ", effect_names.Keys)}."),
                };
                // SoX carries samples as 32-bit integers between effects: what goes past full scale is clipped there.
                foreach (var c in channels) for (int i = 0; i < c.Length; i++) c[i] = Math.Clamp(c[i], -1f, 1f);
            }
            var result = stack(channels.Select(c => torch.tensor(c)).ToArray());
            return (channels_first ? result : result.t().contiguous(), rate);
        }

        private static float[][] Gain(float[][] x, string[] args)
        {
            Expect(args, 1, "gain");
            var factor = (float)Math.Pow(10, Number(args[0], "gain", "DB") / 20);
            return x.Select(c => c.Select(v => v * factor).ToArray()).ToArray();
        }

        private static float[][] Echo(float[][] x, int rate, string[] args)
        {
            if (args.Length < 4 || args.Length % 2 != 0)
                throw new ArgumentException($"echo: expected GAIN-IN GAIN-OUT then DELAY-MS DECAY pairs, got {args.Length} argument(s). {effect_names["echo"]}");
            double gainIn = Number(args[0], "echo", "GAIN-IN"), gainOut = Number(args[1], "echo", "GAIN-OUT");
            var taps = Enumerable.Range(0, (args.Length - 2) / 2)
                .Select(i => (Delay: (int)(Number(args[2 + 2 * i], "echo", "DELAY-MS") * rate / 1000), Decay: Number(args[3 + 2 * i], "echo", "DECAY"))).ToArray();
            int tail = taps.Max(t => t.Delay);
            return x.Select(c =>
            {
                var y = new float[c.Length + tail];
                for (int n = 0; n < y.Length; n++)
                {
                    double v = n < c.Length ? gainIn * c[n] : 0;
                    foreach (var (delay, decay) in taps)
                        if (n - delay >= 0 && n - delay < c.Length) v += decay * c[n - delay];
                    y[n] = (float)(gainOut * v);
                }
                return y;
            }).ToArray();
        }

        private static float[][] Fade(float[][] x, int rate, string[] args)
        {
            var shape = 'l';
            if (args.Length > 0 && args[0] is "q" or "h" or "t" or "l" or "p") { shape = args[0][0]; args = args[1..]; }
            if (args.Length is < 1 or > 3) throw new ArgumentException($"fade: expected [TYPE] IN-LENGTH [STOP-POSITION [OUT-LENGTH]]. {effect_names["fade"]}");
            int length = x[0].Length;
            int fadeIn = Samples(args[0], rate, "fade", "IN-LENGTH");
            int? stop = args.Length > 1 ? Samples(args[1], rate, "fade", "STOP-POSITION") : null;
            int end = stop is null or 0 ? length : Math.Min(stop.Value, length);
            int fadeOut = stop is null ? 0 : args.Length > 2 ? Samples(args[2], rate, "fade", "OUT-LENGTH") : fadeIn;
            double Gain(double u) => shape switch   // u in [0, 1]: how far into the fade
            {
                'q' => Math.Sin(u * Math.PI / 2),
                'h' => (1 - Math.Cos(u * Math.PI)) / 2,
                't' => u,
                'p' => 1 - (1 - u) * (1 - u),
                _ => Math.Pow(0.1, (1 - u) * 5),
            };
            return x.Select(c =>
            {
                var y = new float[end];
                for (int n = 0; n < end; n++)
                {
                    double g = 1;
                    if (n < fadeIn) g *= Gain(n / (double)fadeIn);
                    if (n >= end - fadeOut) g *= Gain((end - n) / (double)fadeOut);
                    y[n] = (float)(c[n] * g);
                }
                return y;
            }).ToArray();
        }

        private static float[][] Trim(float[][] x, int rate, string[] args)
        {
            if (args.Length is < 1 or > 2) throw new ArgumentException($"trim: expected START [LENGTH]. {effect_names["trim"]}");
            int start = Math.Min(Samples(args[0], rate, "trim", "START"), x[0].Length);
            int count = args.Length > 1 ? Math.Min(Samples(args[1], rate, "trim", "LENGTH"), x[0].Length - start) : x[0].Length - start;
            return x.Select(c => c.AsSpan(start, count).ToArray()).ToArray();
        }

        private static int Speed(int rate, string[] args)
        {
            Expect(args, 1, "speed");
            var factor = Number(args[0], "speed", "FACTOR");
            if (!(factor > 0)) throw new ArgumentException($"speed: FACTOR must be positive, not {args[0]}.");
            return (int)Math.Round(rate * factor);
        }

        private static (float[][], int) Rate(float[][] x, int rate, string[] args)
        {
            Expect(args, 1, "rate");
            var target = (int)Number(args[0], "rate", "HZ");
            if (target < 1) throw new ArgumentException($"rate: HZ must be positive, not {args[0]}.");
            using var scope = NewDisposeScope();
            var resampled = functional.resample(stack(x.Select(c => torch.tensor(c)).ToArray()), rate, target);
            return (Enumerable.Range(0, x.Length).Select(c => resampled[c].data<float>().ToArray()).ToArray(), target);
        }

        private static float[][] Tempo(float[][] x, int rate, string[] args)
        {
            Expect(args, 1, "tempo");
            var factor = Number(args[0], "tempo", "FACTOR");
            if (!(factor >= 0.1 && factor <= 10)) throw new ArgumentException($"tempo: FACTOR must be between 0.1 and 10, not {args[0]}.");
            // NWaves stretches by a duration ratio: twice the tempo is half the length.
            // NWaves' output runs on by part of a window; SoX's has exactly length / factor samples.
            return x.Select(c =>
            {
                var stretched = Operation.TimeStretch(new DiscreteSignal(rate, c), 1 / factor, TsmAlgorithm.Wsola).Samples;
                var y = new float[(int)Math.Round(c.Length / factor)];
                Array.Copy(stretched, y, Math.Min(stretched.Length, y.Length));
                return y;
            }).ToArray();
        }

        private static float[][] Pitch(float[][] x, int rate, string[] args)
        {
            Expect(args, 1, "pitch");
            var cents = Number(args[0], "pitch", "CENTS");
            if (Math.Abs(cents) > 2400) throw new ArgumentException($"pitch: CENTS must be within two octaves (±2400), not {args[0]}.");
            var effect = new PitchShiftEffect(Math.Pow(2, cents / 1200), 1024, 128, TsmAlgorithm.Wsola);
            return x.Select(c =>
            {
                var shifted = effect.ApplyTo(new DiscreteSignal(rate, c), NWaves.Filters.Base.FilteringMethod.Auto).Samples;
                effect.Reset();
                var y = new float[c.Length];   // the same length as the input, as SoX's pitch followed by rate gives
                Array.Copy(shifted, y, Math.Min(shifted.Length, y.Length));
                return y;
            }).ToArray();
        }

        private static bool Expect(string[] args, int count, string name) =>
            args.Length == count ? true
            : throw new ArgumentException($"{name}: expected {count} argument(s), got {args.Length}. {effect_names[name]}");

        private static double Number(string text, string effect, string what) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"{effect}: {what} must be a number, not \"{text}\". {effect_names[effect]}");

        /// <summary>A SoX time: seconds ("0.5") or samples ("800s").</summary>
        private static int Samples(string text, int rate, string effect, string what)
        {
            double value = text.EndsWith('s') ? Number(text[..^1], effect, what) : Number(text, effect, what) * rate;
            return value >= 0 ? (int)Math.Round(value)
                : throw new ArgumentException($"{effect}: {what} must not be negative, not \"{text}\".");
        }
    }
}

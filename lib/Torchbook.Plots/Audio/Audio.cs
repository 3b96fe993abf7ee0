using Torchbook.Formatting;

namespace Torchbook.Plots;

/// <summary>
/// A sound to listen to in a notebook: float samples (mono or several channels) at a sample rate, shown as an
/// HTML &lt;audio controls&gt; player with the WAV data inline (16-bit PCM; samples clipped to [-1, 1]).
/// Load WAV files with <see cref="Load(string)"/>, write them with <see cref="SaveWav"/>.
/// </summary>
[TypeFormatterSource(typeof(AudioFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Audio
{
    private readonly float[][] _channels;

    private Audio(float[][] channels, int sampleRate)
    {
        _channels = channels;
        SampleRate = sampleRate;
    }

    /// <summary>Samples per second (e.g. 16000 or 44100).</summary>
    public int SampleRate { get; }

    /// <summary>1 for mono, 2 for stereo, ...</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>Samples per channel.</summary>
    public int Length => _channels[0].Length;

    /// <summary>How long the sound plays.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Length / (double)SampleRate);

    /// <summary>The samples of one channel, nominally in [-1, 1].</summary>
    public ReadOnlySpan<float> Channel(int index) =>
        index >= 0 && index < _channels.Length ? _channels[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Audio has {_channels.Length} channel(s); index must be 0 to {_channels.Length - 1}.");

    /// <summary>
    /// Audio from float samples nominally in [-1, 1]. With <paramref name="channels"/> &gt; 1 the array holds
    /// the channels one after another ([channels, time], torchaudio's layout), not interleaved.
    /// </summary>
    /// <param name="samples">The samples.</param>
    /// <param name="sampleRate">Samples per second per channel.</param>
    /// <param name="channels">Number of channels in <paramref name="samples"/>.</param>
    public static Audio FromSamples(float[] samples, int sampleRate, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckRate(sampleRate);
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Audio: channels must be 1 or more.");
        if (samples.Length == 0) throw new ArgumentException("Audio: samples is empty; pass at least one sample.", nameof(samples));
        if (samples.Length % channels != 0)
            throw new ArgumentException($"Audio: {samples.Length} samples cannot be split into {channels} channels of equal length ([channels, time] layout).", nameof(samples));
        int n = samples.Length / channels;
        var ch = new float[channels][];
        for (int c = 0; c < channels; c++) ch[c] = samples.AsSpan(c * n, n).ToArray();
        return new Audio(ch, sampleRate);
    }

    /// <inheritdoc cref="FromSamples(float[], int, int)"/>
    public static Audio FromSamples(double[] samples, int sampleRate, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return FromSamples(samples.Select(v => (float)v).ToArray(), sampleRate, channels);
    }

    /// <summary>Audio from one array per channel (all the same length).</summary>
    public static Audio FromChannels(IReadOnlyList<float[]> channels, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(channels);
        CheckRate(sampleRate);
        if (channels.Count == 0) throw new ArgumentException("Audio: no channels given; pass at least one array of samples.", nameof(channels));
        for (int c = 0; c < channels.Count; c++)
        {
            if (channels[c] is null) throw new ArgumentException($"Audio: channel {c} is null.", nameof(channels));
            if (channels[c].Length != channels[0].Length)
                throw new ArgumentException($"Audio: channel {c} has {channels[c].Length} samples but channel 0 has {channels[0].Length}; all channels must be the same length.", nameof(channels));
        }
        if (channels[0].Length == 0) throw new ArgumentException("Audio: the channels are empty; pass at least one sample.", nameof(channels));
        return new Audio(channels.Select(c => (float[])c.Clone()).ToArray(), sampleRate);
    }

    /// <summary>Audio over arrays the caller made and gives up (a decoder's output): no checks, no copy.</summary>
    internal static Audio Wrap(float[][] channels, int sampleRate) => new(channels, sampleRate);

    /// <summary>The channels themselves (not copies), for readers inside Torchbook.</summary>
    internal float[][] Channels => _channels;

    /// <summary>Reads a WAV file (PCM 8/16/24/32-bit or 32/64-bit float); see <see cref="WavFile.Read(string)"/>.</summary>
    public static Audio Load(string path) => WavFile.Read(path);

    /// <summary>The sound as a 16-bit PCM WAV file's bytes.</summary>
    public byte[] ToWav() => WavFile.Encode(_channels, SampleRate);

    /// <summary>Writes the sound as a 16-bit PCM WAV file.</summary>
    public void SaveWav(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, ToWav());
    }

    /// <summary>An HTML audio player with the WAV inline as a data URI: no files, no script.</summary>
    public string ToHtml() =>
        $"<audio class=\"torchbook-audio\" controls=\"controls\" preload=\"metadata\" title=\"{Describe()}\" src=\"data:audio/wav;base64,{Convert.ToBase64String(ToWav())}\">Audio: {Describe()}</audio>";

    /// <summary>E.g. "Audio: 2.50 s, 16000 Hz, mono, peak 0.81".</summary>
    public string Describe()
    {
        float peak = 0;
        foreach (var ch in _channels) foreach (var v in ch) if (float.IsFinite(v)) peak = Math.Max(peak, Math.Abs(v));
        string chans = ChannelCount switch { 1 => "mono", 2 => "stereo", _ => $"{ChannelCount} channels" };
        var clip = peak > 1 ? " (clipped to [-1, 1] when played)" : "";
        return FormattableString.Invariant($"Audio: {Duration.TotalSeconds:0.00} s, {SampleRate} Hz, {chans}, peak {peak:0.00}{clip}");
    }

    public override string ToString() => Describe();

    private static void CheckRate(int sampleRate)
    {
        if (sampleRate < 1 || sampleRate > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Audio: sampleRate must be between 1 and 1,000,000 samples per second (e.g. 16000 or 44100).");
    }
}

/// <summary>Notebook formatters for <see cref="Audio"/>: an HTML player, and a description.</summary>
public sealed class AudioFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TypeFormatter<Audio>(MimeTypes.Html, (a, w) => { w.Write(a.ToHtml()); return true; }),
        new TypeFormatter<Audio>(MimeTypes.PlainText, (a, w) => { w.Write(a.Describe()); return true; }),
    ];
}

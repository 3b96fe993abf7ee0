using Torchbook.Plots;
using static TorchSharp.torch;

namespace Torchbook.Audio;

public static partial class torchaudio
{
    /// <summary>
    /// Reads an audio file as torchaudio.load does: a float32 waveform (channels, frames) with samples in [-1, 1],
    /// and its sample rate. WAV (PCM 8, 16, 24 and 32-bit, IEEE float 32 and 64-bit, plain or extensible), AIFF,
    /// MP3 and Ogg Vorbis, told apart by their first bytes. An MP3 starts where it was encoded (the encoder's and the
    /// decoder's delays removed) but, when LAME recorded its length, ends 529 samples short of it; torchaudio 0.13
    /// (libsox) instead keeps both delays and the padding, about 1,100 extra samples.
    /// </summary>
    /// <param name="filepath">The file to read.</param>
    /// <param name="frame_offset">Frames (samples per channel) to skip from the start.</param>
    /// <param name="num_frames">Frames to read; -1 reads to the end.</param>
    /// <param name="channels_first">true: (channels, frames); false: (frames, channels).</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="filepath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is in none of these formats, or is damaged (the message says how).</exception>
    public static (Tensor waveform, int sample_rate) load(string filepath, long frame_offset = 0, long num_frames = -1, bool channels_first = true)
    {
        if (frame_offset < 0) throw new ArgumentException($"torchaudio.load: frame_offset must be 0 or more, not {frame_offset}.", nameof(frame_offset));
        if (num_frames is 0 or < -1) throw new ArgumentException($"torchaudio.load: num_frames must be positive, or -1 for all, not {num_frames}.", nameof(num_frames));
        var (channels, rate) = AudioFiles.Read(filepath);
        long length = channels[0].Length;
        if (frame_offset >= length)
            throw new ArgumentException($"torchaudio.load: frame_offset {frame_offset} is past the end of {filepath} ({length} frames).", nameof(frame_offset));
        var count = num_frames == -1 ? length - frame_offset : Math.Min(num_frames, length - frame_offset);
        var samples = channels.Length == 1 && count == length ? channels[0] : new float[channels.Length * count];
        if (samples != channels[0])
            for (int c = 0; c < channels.Length; c++)
                channels[c].AsSpan((int)frame_offset, (int)count).CopyTo(samples.AsSpan(c * (int)count));
        // from_array shares the array with the tensor (TorchSharp keeps it pinned); tensor(float[]) would copy it element by element.
        var waveform = from_array(samples).reshape(channels.Length, count);
        return (channels_first ? waveform : waveform.t().contiguous(), rate);
    }

    /// <summary>
    /// Writes a waveform as a 16-bit PCM WAV file, as torchaudio.save does with a ".wav" path: src is
    /// (channels, frames) (or (frames, channels) with channels_first false) with samples in [-1, 1]; louder samples are clipped.
    /// The file is written under a temporary name and renamed when complete.
    /// </summary>
    public static void save(string filepath, Tensor src, int sample_rate, bool channels_first = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filepath);
        if (src.ndim is not (1 or 2))
            throw new ArgumentException($"torchaudio.save: expected a waveform (channels, frames), got shape [{string.Join(", ", src.shape)}].", nameof(src));
        if (!src.is_floating_point())
            throw new ArgumentException($"torchaudio.save: expected float samples in [-1, 1], got {src.dtype}.", nameof(src));
        using var w = (src.ndim == 1 ? src.unsqueeze(0) : channels_first ? src : src.t()).detach().cpu().to(ScalarType.Float32).contiguous();
        var audio = Plots.Audio.FromSamples(w.data<float>().ToArray(), sample_rate, (int)w.shape[0]);
        var full = Path.GetFullPath(filepath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, audio.ToWav());
            File.Move(temporary, full, overwrite: true);
        }
        finally { File.Delete(temporary); }
    }
}

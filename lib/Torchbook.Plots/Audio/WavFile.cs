using System.Buffers.Binary;
using System.Text;

namespace Torchbook.Plots;

/// <summary>
/// Reads and writes WAV (RIFF/WAVE) files. Reading takes PCM 8-bit (unsigned), 16, 24 and 32-bit integers and
/// IEEE float 32/64-bit, plain or WAVE_FORMAT_EXTENSIBLE; samples come back as floats in [-1, 1].
/// Writing produces 16-bit PCM. Malformed files raise <see cref="InvalidDataException"/> saying what is wrong.
/// </summary>
public static class WavFile
{
    private const ushort FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;

    /// <summary>Reads the WAV file at <paramref name="path"/>.</summary>
    public static Audio Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"WAV file not found: {path}", path);
        try { return Read(File.ReadAllBytes(path)); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    /// <summary>Reads a whole WAV file from a stream.</summary>
    public static Audio Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Read(ms.ToArray());
    }

    /// <summary>Reads a WAV file's bytes.</summary>
    public static Audio Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12) throw new InvalidDataException($"not a WAV file: only {bytes.Length} bytes (a WAV header alone is 44).");
        if (!bytes[..4].SequenceEqual("RIFF"u8))
            throw new InvalidDataException($"not a WAV file: it starts with \"{Ascii(bytes[..4])}\" instead of \"RIFF\".");
        if (!bytes[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"not a WAV file: the RIFF type is \"{Ascii(bytes[8..12])}\" instead of \"WAVE\".");

        int pos = 12;
        ushort format = 0, channels = 0, bits = 0, blockAlign = 0;
        int rate = 0;
        bool haveFmt = false;
        ReadOnlySpan<byte> data = default;
        bool haveData = false;
        while (pos + 8 <= bytes.Length)
        {
            var id = Ascii(bytes.Slice(pos, 4));
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(pos + 4)..]);
            int body = pos + 8;
            long available = bytes.Length - body;
            if (id == "fmt ")
            {
                if (size < 16 || available < 16) throw new InvalidDataException($"the \"fmt \" chunk is {Math.Min(size, available)} bytes; it needs at least 16.");
                var f = bytes.Slice(body, 16);
                format = BinaryPrimitives.ReadUInt16LittleEndian(f);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(f[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(f[4..]);
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(f[12..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(f[14..]);
                if (format == FormatExtensible)
                {
                    if (size < 40 || available < 40) throw new InvalidDataException("WAVE_FORMAT_EXTENSIBLE \"fmt \" chunk is shorter than 40 bytes.");
                    format = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(body + 24)..]); // first two bytes of the sub-format GUID
                }
                haveFmt = true;
            }
            else if (id == "data")
            {
                // A streaming writer may leave the size at 0xFFFFFFFF: then the data runs to the end of the file.
                long len = Math.Min(size, available);
                data = bytes.Slice(body, (int)len);
                haveData = true;
                if (size > available && size != uint.MaxValue && size != 0)
                    throw new InvalidDataException($"the data chunk says {size} bytes but the file ends after {available}; the file is truncated.");
            }
            long next = body + (long)size + (size & 1); // chunks are padded to even sizes
            if (next > bytes.Length || haveData && haveFmt) break;
            pos = (int)next;
        }
        if (!haveFmt) throw new InvalidDataException("no \"fmt \" chunk: the file does not say how its samples are stored.");
        if (!haveData) throw new InvalidDataException("no \"data\" chunk: the file holds no samples.");
        if (channels == 0) throw new InvalidDataException("the \"fmt \" chunk says 0 channels.");
        if (rate <= 0) throw new InvalidDataException($"the \"fmt \" chunk says a sample rate of {rate}.");
        bool supported = (format == FormatPcm && bits is 8 or 16 or 24 or 32) || (format == FormatFloat && bits is 32 or 64);
        if (!supported)
            throw new InvalidDataException($"unsupported sample format {FormatName(format)} with {bits} bits; supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit.");
        int bytesPerSample = bits / 8;
        if (blockAlign != bytesPerSample * channels)
            throw new InvalidDataException($"the \"fmt \" chunk's block align is {blockAlign} but {channels} channel(s) of {bits} bits need {bytesPerSample * channels}.");

        int frames = data.Length / blockAlign;
        if (frames == 0) throw new InvalidDataException("the data chunk holds no complete sample frame.");
        var result = new float[channels][];
        for (int c = 0; c < channels; c++) result[c] = new float[frames];
        // One loop per sample format (the format is fixed for the whole file), channel by channel.
        for (int c = 0; c < channels; c++)
        {
            var channel = result[c];
            int at = c * bytesPerSample;
            switch ((format, bits))
            {
                case (FormatPcm, 8):
                    for (int i = 0; i < frames; i++, at += blockAlign) channel[i] = (data[at] - 128) / 128f;
                    break;
                case (FormatPcm, 16) when BitConverter.IsLittleEndian:
                    var pcm = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(data[..(frames * blockAlign)]);
                    for (int i = 0, j = c; i < frames; i++, j += channels) channel[i] = pcm[j] / 32768f;
                    break;
                case (FormatPcm, 16):
                    for (int i = 0; i < frames; i++, at += blockAlign) channel[i] = BinaryPrimitives.ReadInt16LittleEndian(data[at..]) / 32768f;
                    break;
                case (FormatPcm, 24):
                    for (int i = 0; i < frames; i++, at += blockAlign) channel[i] = ((data[at] | (data[at + 1] << 8) | (data[at + 2] << 16)) << 8 >> 8) / 8388608f;
                    break;
                case (FormatPcm, 32):
                    for (int i = 0; i < frames; i++, at += blockAlign) channel[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(data[at..]) / 2147483648.0);
                    break;
                case (FormatFloat, 32):
                    for (int i = 0; i < frames; i++, at += blockAlign) channel[i] = BinaryPrimitives.ReadSingleLittleEndian(data[at..]);
                    break;
                default:
                    for (int i = 0; i < frames; i++, at += blockAlign) channel[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[at..]);
                    break;
            }
        }
        return Audio.Wrap(result, rate);
    }

    /// <summary>Encodes channels of float samples as a 16-bit PCM WAV file (samples clipped to [-1, 1], NaN as 0).</summary>
    internal static byte[] Encode(float[][] channels, int sampleRate)
    {
        int ch = channels.Length, frames = channels[0].Length;
        int dataBytes = checked(frames * ch * 2);
        var bytes = new byte[44 + dataBytes];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)ch);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * ch * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(ch * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        int o = 44;
        for (int i = 0; i < frames; i++)
            for (int c = 0; c < ch; c++, o += 2)
            {
                float v = channels[c][i];
                if (float.IsNaN(v)) v = 0;
                v = Math.Clamp(v, -1f, 1f);
                BinaryPrimitives.WriteInt16LittleEndian(span[o..], (short)MathF.Round(v * 32767f));
            }
        return bytes;
    }

    private static string FormatName(ushort f) => f switch
    {
        FormatPcm => "PCM (1)",
        FormatFloat => "IEEE float (3)",
        2 => "Microsoft ADPCM (2)",
        6 => "A-law (6)",
        7 => "mu-law (7)",
        0x11 => "IMA ADPCM (0x11)",
        0x55 => "MP3 (0x55)",
        _ => $"0x{f:X4}",
    };

    private static string Ascii(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder(b.Length);
        foreach (var c in b) sb.Append(c is >= 32 and < 127 ? (char)c : '?');
        return sb.ToString();
    }
}

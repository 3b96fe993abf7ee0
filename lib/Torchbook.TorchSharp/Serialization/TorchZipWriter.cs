using System.Buffers.Binary;
using System.Text;

namespace TorchSharp.Serialization;

/// <summary>
/// Writes a zip the way PyTorch's stream writer does: every record stored uncompressed under one
/// archive folder, its data aligned to 64 bytes by an "FB" extra field of 'Z' padding in the local
/// header, sizes and CRC in a data descriptor after the data, then the central directory. Files
/// must stay under 4 GiB (no zip64).
/// </summary>
sealed class TorchZipWriter
{
    const int Alignment = 64;
    const int LocalHeaderSize = 30;
    const ushort Flags = 0x0808; // bit 3: sizes in a data descriptor; bit 11: UTF-8 names

    readonly Stream _stream;
    readonly string _archive;
    readonly List<(byte[] Name, uint Crc, uint Size, uint Offset)> _records = [];
    long _position;

    public TorchZipWriter(Stream stream, string archive)
    {
        _stream = stream;
        _archive = archive;
    }

    public void WriteRecord(string name, ReadOnlySpan<byte> data)
    {
        byte[] fullName = Encoding.UTF8.GetBytes(_archive + "/" + name);
        long start = _position + LocalHeaderSize + fullName.Length + 4;
        int padding = (int)((Alignment - start % Alignment) % Alignment);
        if (_position + LocalHeaderSize + fullName.Length + 4 + padding + data.Length + 16 > uint.MaxValue)
            throw new NotSupportedException(
                "This .pth would exceed 4 GiB, which needs zip64, which Torchbook's writer does not produce; save it as safetensors instead.");
        if (_records.Count >= ushort.MaxValue - 1)
            throw new NotSupportedException("A .pth file can hold at most 65534 records without zip64.");

        uint offset = (uint)_position;
        uint crc = Crc32.Compute(data);
        Span<byte> header = stackalloc byte[LocalHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 0);       // version needed (as torch writes)
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 0);       // stored
        BinaryPrimitives.WriteUInt32LittleEndian(header[10..], 0);      // DOS time and date
        BinaryPrimitives.WriteUInt32LittleEndian(header[14..], 0);      // CRC, sizes: in the descriptor
        BinaryPrimitives.WriteUInt32LittleEndian(header[18..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[22..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)fullName.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)(4 + padding));
        Write(header);
        Write(fullName);

        Span<byte> extra = stackalloc byte[4 + padding];
        extra[0] = (byte)'F';
        extra[1] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)padding);
        extra[4..].Fill((byte)'Z');
        Write(extra);
        Write(data);

        Span<byte> descriptor = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor[4..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor[8..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor[12..], (uint)data.Length);
        Write(descriptor);
        _records.Add((fullName, crc, (uint)data.Length, offset));
    }

    /// <summary>Writes the central directory and its end record.</summary>
    public void Finish()
    {
        long directoryStart = _position;
        Span<byte> entry = stackalloc byte[46];
        foreach (var (name, crc, size, offset) in _records)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(entry, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 0);    // version made by
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 0);    // version needed
            BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], Flags);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[10..], 0);   // stored
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], 0);   // DOS time and date
            BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], size);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[24..], size);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[30..], 0);   // extra
            BinaryPrimitives.WriteUInt16LittleEndian(entry[32..], 0);   // comment
            BinaryPrimitives.WriteUInt16LittleEndian(entry[34..], 0);   // disk
            BinaryPrimitives.WriteUInt16LittleEndian(entry[36..], 0);   // internal attributes
            BinaryPrimitives.WriteUInt32LittleEndian(entry[38..], 0);   // external attributes
            BinaryPrimitives.WriteUInt32LittleEndian(entry[42..], offset);
            Write(entry);
            Write(name);
        }
        long directorySize = _position - directoryStart;
        if (_position > uint.MaxValue)
            throw new NotSupportedException("This .pth would exceed 4 GiB (zip64); save it as safetensors instead.");

        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[4..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(end[6..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)_records.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)_records.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)directoryStart);
        BinaryPrimitives.WriteUInt16LittleEndian(end[20..], 0);
        Write(end);
    }

    void Write(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }
}

using System.Buffers.Binary;

namespace TorchSharp.Serialization;

/// <summary>The CRC-32 of zip files (IEEE 802.3 polynomial, reflected, 0xEDB88320), computed
/// eight bytes at a time ("slicing by 8") so that writing large .pth files is not CRC-bound.</summary>
static class Crc32
{
    static readonly uint[][] Tables = BuildTables();

    static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (int t = 0; t < 8; t++) tables[t] = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            tables[0][n] = c;
        }
        for (int n = 0; n < 256; n++)
            for (int t = 1; t < 8; t++)
                tables[t][n] = (tables[t - 1][n] >> 8) ^ tables[0][tables[t - 1][n] & 0xFF];
        return tables;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint[] t0 = Tables[0], t1 = Tables[1], t2 = Tables[2], t3 = Tables[3],
               t4 = Tables[4], t5 = Tables[5], t6 = Tables[6], t7 = Tables[7];
        uint crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            uint low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t7[low & 0xFF] ^ t6[(low >> 8) & 0xFF] ^ t5[(low >> 16) & 0xFF] ^ t4[low >> 24]
                ^ t3[high & 0xFF] ^ t2[(high >> 8) & 0xFF] ^ t1[(high >> 16) & 0xFF] ^ t0[high >> 24];
            data = data[8..];
        }
        foreach (byte b in data)
            crc = t0[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}

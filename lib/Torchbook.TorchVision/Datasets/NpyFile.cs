using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Torchbook.Vision.Datasets;

/// <summary>
/// Reads a numpy .npy file of little-endian float64 values in C order (format versions 1 to 3), the one kind the
/// course ships (scikit-image's lfw_subset.npy). Anything else is refused with what the file holds instead.
/// </summary>
internal static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The array's shape and its values, row-major.</summary>
    public static (long[] Shape, double[] Values) ReadFloat64(string path, string remedy)
    {
        var bytes = File.ReadAllBytes(path);
        string Bad(string what) => $"{path}: {what} {remedy}";
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException(Bad("is not a numpy .npy file (its first bytes are not \\x93NUMPY)."));
        int major = bytes[6];
        int headerLength, start;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); start = 10; }
        else if (major is 2 or 3 && bytes.Length >= 12) { headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8))); start = 12; }
        else throw new InvalidDataException(Bad($"has .npy format version {major}, which this reader does not know."));
        if (start + headerLength > bytes.Length) throw new InvalidDataException(Bad("is truncated inside its header."));
        var header = Encoding.Latin1.GetString(bytes, start, headerLength);

        var descr = Descr().Match(header);
        if (!descr.Success || descr.Groups[1].Value != "<f8")
            throw new InvalidDataException(Bad($"holds {(descr.Success ? descr.Groups[1].Value : "an unknown type")}; expected little-endian float64 ('<f8')."));
        if (!FortranOrder().Match(header).Groups[1].Value.Equals("False", StringComparison.Ordinal))
            throw new InvalidDataException(Bad("is stored in Fortran (column-major) order; expected C order."));
        var shapeMatch = Shape().Match(header);
        if (!shapeMatch.Success) throw new InvalidDataException(Bad("has no shape in its header."));
        var shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        long count = shape.Aggregate(1L, (a, b) => a * b);
        int dataStart = start + headerLength;
        if (bytes.Length - dataStart != count * 8)
            throw new InvalidDataException(Bad($"should hold {count} float64 values ({count * 8} bytes) after its header, but holds {bytes.Length - dataStart} bytes."));
        var values = new double[count];
        for (long i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(dataStart + (int)(i * 8)));
        return (shape, values);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}

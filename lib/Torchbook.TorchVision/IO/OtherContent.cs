using System.Text;

namespace Torchbook.Vision.IO;

/// <summary>
/// Says what a file that is neither PNG nor JPEG seems to be, from its first bytes: another image
/// format (convert it), an HTML page (a download that saved an error page), text, an archive, or
/// unknown bytes (shown in hex).
/// </summary>
internal static class OtherContent
{
    private const string Readable = "PilImager reads PNG and JPEG files, as torchvision.io.read_image does";

    public static string Describe(ReadOnlySpan<byte> data, string noun)
    {
        var format = ImageFormatName(data);
        if (format is not null)
            return $"{noun} is a {format} image, not a PNG or JPEG. {Readable}: convert the file to PNG first " +
                   "(for example with Python's PIL: Image.open(path).save(\"image.png\")).";
        var text = LeadingText(data);
        if (text is not null && (text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase)))
            return $"{noun} is not a PNG or JPEG image but an HTML page (it starts with \"{Shorten(text)}\"): a download probably saved a web page " +
                   "(an error or login page) instead of the image. Fetch the image again from a direct link.";
        if (data.StartsWith("PK\x03\x04"u8))
            return $"{noun} is not a PNG or JPEG image but a ZIP archive: extract the images from it first.";
        if (data.StartsWith([(byte)0x1F, (byte)0x8B]))
            return $"{noun} is not a PNG or JPEG image but gzip-compressed data: decompress it first (gunzip).";
        var hex = Convert.ToHexString(data[..Math.Min(8, data.Length)]).ToLowerInvariant();
        var bytes = string.Join(" ", Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(2 * i, 2)));
        return $"{noun} is not a PNG or JPEG image (its first bytes are {bytes}" + (text is null ? "" : $", text: \"{Shorten(text)}\"") +
               $"). {Readable}: check that the path names an image file.";
    }

    private static string? ImageFormatName(ReadOnlySpan<byte> d)
    {
        if (d.StartsWith("GIF87a"u8) || d.StartsWith("GIF89a"u8)) return "GIF";
        if (d.StartsWith("BM"u8) && d.Length >= 6) return "BMP";
        if (d.Length >= 12 && d.StartsWith("RIFF"u8) && d[8..12].SequenceEqual("WEBP"u8)) return "WebP";
        if (d.StartsWith("II*\0"u8) || d.StartsWith("MM\0*"u8)) return "TIFF";
        if (d.StartsWith([(byte)0, (byte)0, (byte)1, (byte)0])) return "ICO (icon)";
        if (d.Length >= 12 && d[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(d[8..12]);
            if (brand is "avif" or "avis") return "AVIF";
            if (brand is "heic" or "heix" or "mif1" or "msf1" or "hevc") return "HEIC";
        }
        if (d.StartsWith("8BPS"u8)) return "Photoshop (PSD)";
        if (d.Length >= 2 && d[0] == (byte)'P' && d[1] is >= (byte)'1' and <= (byte)'7' && d.Length > 2 && char.IsWhiteSpace((char)d[2])) return "PNM (PBM/PGM/PPM)";
        var text = LeadingText(d);
        if (text is not null && (text.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) ||
                                 (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && text.Contains("<svg", StringComparison.OrdinalIgnoreCase))))
            return "SVG (vector)";
        return null;
    }

    /// <summary>The first bytes as text when they are printable ASCII (after leading white space), else null.</summary>
    private static string? LeadingText(ReadOnlySpan<byte> d)
    {
        var head = d[..Math.Min(200, d.Length)];
        foreach (var b in head)
            if (b is < 0x20 and not ((byte)'\n' or (byte)'\r' or (byte)'\t') || b >= 0x7F) return null;
        return Encoding.ASCII.GetString(head).TrimStart();
    }

    private static string Shorten(string text)
    {
        var line = text.Split('\n')[0].TrimEnd('\r');
        return line.Length <= 40 ? line : line[..40] + "...";
    }
}

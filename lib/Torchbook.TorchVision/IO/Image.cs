using static TorchSharp.torch;

namespace TorchSharp;

public static partial class torchvision
{
    /// <summary>
    /// Reading and writing image files (torchvision.io): PNG and JPEG through Debian's libpng and
    /// libjpeg-turbo. Images are uint8 tensors of shape [channels, height, width]. The format of a
    /// file is told by its content, not its name. 16-bit PNGs are read as 8-bit (each sample's high
    /// byte). Writing is atomic (a temporary file renamed over the target).
    /// </summary>
    public static partial class io
    {
        /// <summary>
        /// Reads a PNG or JPEG file into a uint8 tensor of shape [channels, height, width]
        /// (torchvision.io.read_image). <paramref name="mode"/> picks the channels; UNCHANGED keeps the file's.
        /// </summary>
        /// <exception cref="FileNotFoundException">the file does not exist.</exception>
        /// <exception cref="InvalidDataException">the file is not a PNG or JPEG, or is corrupt or truncated (the message says which).</exception>
        public static Tensor read_image(string path, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            var bytes = ReadAllBytes(path, "read_image");
            return ImageCodec.Decode(bytes, ImageCodec.AnyFormat, mode, $"Cannot read image '{path}'");
        }

        /// <summary>
        /// Decodes a PNG or JPEG file held in a 1-D uint8 tensor (what <see cref="read_file"/> gives)
        /// into a uint8 [channels, height, width] tensor (torchvision.io.decode_image).
        /// </summary>
        public static Tensor decode_image(Tensor image, ImageReadMode mode = ImageReadMode.UNCHANGED) =>
            ImageCodec.Decode(image, ImageCodec.AnyFormat, mode, "decode_image");

        /// <summary>Decodes a PNG or JPEG file held in memory into a uint8 [channels, height, width] tensor.</summary>
        public static Tensor decode_image(byte[] image, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            ArgumentNullException.ThrowIfNull(image);
            return ImageCodec.Decode(image, ImageCodec.AnyFormat, mode, "decode_image");
        }

        /// <summary>Decodes a PNG file held in a 1-D uint8 tensor (torchvision.io.decode_png); other formats are refused.</summary>
        public static Tensor decode_png(Tensor image, ImageReadMode mode = ImageReadMode.UNCHANGED) =>
            ImageCodec.Decode(image, ImageCodec.PngFormat, mode, "decode_png");

        /// <summary>Decodes a PNG file held in memory; other formats are refused.</summary>
        public static Tensor decode_png(byte[] image, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            ArgumentNullException.ThrowIfNull(image);
            return ImageCodec.Decode(image, ImageCodec.PngFormat, mode, "decode_png");
        }

        /// <summary>Decodes a JPEG file held in a 1-D uint8 tensor (torchvision.io.decode_jpeg); other formats are refused.</summary>
        public static Tensor decode_jpeg(Tensor image, ImageReadMode mode = ImageReadMode.UNCHANGED) =>
            ImageCodec.Decode(image, ImageCodec.JpegFormat, mode, "decode_jpeg");

        /// <summary>Decodes a JPEG file held in memory; other formats are refused.</summary>
        public static Tensor decode_jpeg(byte[] image, ImageReadMode mode = ImageReadMode.UNCHANGED)
        {
            ArgumentNullException.ThrowIfNull(image);
            return ImageCodec.Decode(image, ImageCodec.JpegFormat, mode, "decode_jpeg");
        }

        /// <summary>
        /// Encodes a uint8 [channels, height, width] image (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA
        /// channels) as a PNG file's bytes, a 1-D uint8 tensor (torchvision.io.encode_png).
        /// <paramref name="compression_level"/>: 0 (none) to 9 (smallest); PNG is lossless at every level.
        /// </summary>
        public static Tensor encode_png(Tensor image, int compression_level = 6) =>
            ImageCodec.EncodePng(image, compression_level, "encode_png");

        /// <summary>Writes a uint8 [channels, height, width] image as a PNG file, atomically (torchvision.io.write_png).</summary>
        public static void write_png(Tensor image, string filename, int compression_level = 6)
        {
            using var bytes = ImageCodec.EncodePng(image, compression_level, "write_png");
            WriteTensorBytes(filename, bytes);
        }

        /// <summary>
        /// Encodes a uint8 [channels, height, width] image (1 gray or 3 RGB channels) as a JPEG
        /// file's bytes, a 1-D uint8 tensor (torchvision.io.encode_jpeg). <paramref name="quality"/>:
        /// 1 to 100. Baseline JPEG with 4:2:0 chroma subsampling (libjpeg's defaults, as PIL writes it).
        /// </summary>
        public static Tensor encode_jpeg(Tensor image, int quality = 75) =>
            ImageCodec.EncodeJpeg(image, quality, "encode_jpeg");

        /// <summary>Writes a uint8 [channels, height, width] image (gray or RGB) as a JPEG file, atomically (torchvision.io.write_jpeg).</summary>
        public static void write_jpeg(Tensor image, string filename, int quality = 75)
        {
            using var bytes = ImageCodec.EncodeJpeg(image, quality, "write_jpeg");
            WriteTensorBytes(filename, bytes);
        }

        /// <summary>Encodes an image in the given format with that format's defaults (TorchSharp's encode_image).</summary>
        public static Tensor encode_image(Tensor image, ImageFormat format) => format switch
        {
            ImageFormat.Png => encode_png(image),
            ImageFormat.Jpeg => encode_jpeg(image),
            _ => throw new ArgumentException($"encode_image: cannot write {format} images; use ImageFormat.Png or ImageFormat.Jpeg.", nameof(format)),
        };

        /// <summary>Writes an image file in the given format with that format's defaults, atomically (TorchSharp's write_image).</summary>
        public static void write_image(Tensor image, string filename, ImageFormat format)
        {
            using var bytes = encode_image(image, format);
            WriteTensorBytes(filename, bytes);
        }
    }
}

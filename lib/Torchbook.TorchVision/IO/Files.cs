using TorchSharp.Serialization;
using static TorchSharp.torch;

namespace TorchSharp;

public static partial class torchvision
{
    public static partial class io
    {
        /// <summary>
        /// The bytes of a file as a 1-D uint8 tensor (torchvision.io.read_file), for
        /// <see cref="decode_image(Tensor, ImageReadMode)"/> and friends.
        /// </summary>
        /// <exception cref="FileNotFoundException">the file does not exist.</exception>
        public static Tensor read_file(string path)
        {
            var bytes = ReadAllBytes(path, "read_file");
            return torch.tensor(bytes, ScalarType.Byte);
        }

        /// <summary>
        /// Writes the bytes held by a 1-D uint8 tensor to a file (torchvision.io.write_file),
        /// atomically: a reader never sees a half-written file, and on failure the old file stays.
        /// </summary>
        public static void write_file(string filename, Tensor data)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (data.dtype != ScalarType.Byte || data.dim() != 1)
                throw new ArgumentException(
                    $"write_file takes the file's bytes as a 1-D uint8 tensor (what encode_png, encode_jpeg and read_file give), " +
                    $"not a {data.dtype} tensor of shape {ImageCodec.Shape(data)}. To save an image tensor, use write_png or write_jpeg.", nameof(data));
            WriteTensorBytes(filename, data);
        }

        internal static byte[] ReadAllBytes(string path, string function)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            if (Directory.Exists(path))
                throw new IOException($"{function}: '{path}' is a folder, not a file.");
            if (!File.Exists(path))
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                throw new FileNotFoundException(
                    $"{function}: '{path}' does not exist" +
                    (folder is not null && !Directory.Exists(folder) ? $" (nor does the folder '{folder}')." : $" (looked for '{Path.GetFullPath(path)}')."),
                    path);
            }
            return File.ReadAllBytes(path);
        }

        internal static void WriteTensorBytes(string filename, Tensor bytes)
        {
            ArgumentException.ThrowIfNullOrEmpty(filename);
            using var contiguous = bytes.cpu().contiguous();
            AtomicFile.Write(filename, stream =>
            {
                unsafe
                {
                    stream.Write(new ReadOnlySpan<byte>((void*)contiguous.DataPointer, checked((int)contiguous.numel())));
                }
            });
        }
    }
}

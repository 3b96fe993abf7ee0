namespace Torchbook.Vision.IO;

/// <summary>
/// What is being decoded, for messages: a file (torchvision.io.read_image hands the imager a
/// FileStream, whose name is the path), another stream, or bytes in memory.
/// </summary>
/// <param name="Prefix">Starts every message: "Cannot read image '/path/photo.png'".</param>
/// <param name="Noun">The thing in a sentence: "the file", "the stream", "the data".</param>
internal sealed record ImageSource(string Prefix, string Noun)
{
    public static ImageSource Of(Stream stream) => stream is FileStream file
        ? new($"Cannot read image '{file.Name}'", "the file")
        : new("Cannot read the image stream", "the stream");

    public static readonly ImageSource Bytes = new("Cannot decode the image bytes", "the data");

    /// <summary>An InvalidDataException whose message starts with <see cref="Prefix"/>.</summary>
    public InvalidDataException Error(string what) => new($"{Prefix}: {what}");

    /// <summary>The advice that ends every message about a damaged file.</summary>
    public const string FetchAgain = "An interrupted download or copy does this: fetch or copy the file again.";
}

namespace TorchSharp.Serialization;

/// <summary>
/// Writes files so that a reader never sees a half-written one: the content goes to
/// <c>&lt;path&gt;.tmp-XXXXXXXX</c> in the same folder, is flushed to disk, then renamed over the
/// target in one step. If anything fails, the temporary file is deleted and the target is left
/// as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="writeContent"/> writes
    /// to the stream it is given.</summary>
    /// <exception cref="DirectoryNotFoundException">the target folder does not exist.</exception>
    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{folder}' does not exist.");
        if (Directory.Exists(full))
            throw new IOException($"Cannot write '{path}': it is a folder.");

        string temp = full + ".tmp-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: the original error is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

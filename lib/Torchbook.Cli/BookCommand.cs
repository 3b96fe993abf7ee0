using Torchbook.Notebooks.Book;
using Torchbook.Notebooks.Model;

namespace Torchbook.Cli;

/// <summary>`torchbook book INPUT_DIR --output DIR`: the static HTML book.</summary>
internal static class BookCommand
{
    public static int Run(string input, string output)
    {
        try
        {
            var chapters = BookWriter.Write(input, output);
            var index = Path.Combine(Path.GetFullPath(output), "index.html");
            Console.Out.WriteLine($"book: {chapters.Count} chapter(s) written; open {index}");
            return 0;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}

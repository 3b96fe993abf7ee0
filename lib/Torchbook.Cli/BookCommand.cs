namespace Torchbook.Cli;

internal static class BookCommand
{
    public static int Run(string input, string output)
    {
        Console.Error.WriteLine("book: not yet");
        return 1;
    }
}

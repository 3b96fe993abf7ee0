namespace Torchbook.Notebooks.Model;

/// <summary>A file that is not a readable nbformat 4 notebook; the message names the file and the problem.</summary>
public sealed class NotebookFormatException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}

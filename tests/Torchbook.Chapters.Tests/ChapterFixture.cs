namespace Torchbook.Chapters.Tests;

/// <summary>
/// A class fixture that runs one chapter once in quick mode through the real runner (the run is
/// shared with <see cref="DotNetInteractiveKernelTests"/>); the tests of
/// the class then read <see cref="Notebook"/>. A run that produced no executed copy fails every test
/// of the class with the runner's output; a run with errors fails <see cref="ChapterAssert.NoErrors"/>.
/// Subclass it per chapter: <c>public sealed class Chapter01Run() : ChapterFixture("01-tensors.ipynb");</c>
/// </summary>
public abstract class ChapterFixture : IDisposable
{
    protected ChapterFixture(string notebookFileName)
    {
        Run = ChapterRun.Shared(notebookFileName);
    }

    public ChapterRun Run { get; }

    /// <summary>The executed chapter (throws with the runner's output when the run wrote none).</summary>
    public ExecutedNotebook Notebook => Run.Notebook;

    /// <summary>Removes the temporary folder unless the run failed (then its path is in the failure message).</summary>
    public void Dispose()
    {
        if (Run.ExitCode == 0 && Directory.Exists(Run.OutputDirectory)) Directory.Delete(Run.OutputDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

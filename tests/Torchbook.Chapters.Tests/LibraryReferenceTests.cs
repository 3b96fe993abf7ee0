namespace Torchbook.Chapters.Tests;

/// <summary>What a notebook gets from its one <c>#r</c> of Torchbook.dll, run by the real runner in its own process.</summary>
public class LibraryReferenceTests
{
    private static string Notebook(params string[] cells) =>
        TestNotebook.Write(Directory.CreateTempSubdirectory("tb-refnb").FullName, "refs.ipynb", cells);

    [Fact]
    public void Torchvision_io_reads_and_writes_right_after_the_reference()
    {
        // No Torchbook type is used before read_image: referencing the library must be enough to set its imager.
        var png = Path.Combine(Directory.CreateTempSubdirectory("tb-refpng").FullName, "one.png");
        var run = ChapterRun.Execute(Notebook(
            $"#r \"{RepositoryPaths.Root}/lib/Torchbook/bin/Torchbook.dll\"\nusing TorchSharp;\nusing static TorchSharp.torch;",
            $"torchvision.io.write_png(full(new long[] {{ 1, 2, 3 }}, 7, dtype: ScalarType.Byte), \"{png}\");\nConsole.WriteLine(torchvision.io.DefaultImager.GetType().Name + \" \" + torchvision.io.read_image(\"{png}\").sum().item<long>());"));
        ChapterAssert.NoErrors(run.Notebook);
        ChapterAssert.Matches(run.Notebook.Cell("c1"), @"^PilImager 42");
    }

    [Fact]
    public void PyBridge_and_TorchSharp_are_one_copy_each_so_weights_files_work()
    {
        // PyBridge 1.4.4 references TorchSharp 0.103; a second TorchSharp copy made save_safetensors "Method not found".
        var file = Path.Combine(Directory.CreateTempSubdirectory("tb-refst").FullName, "m.safetensors");
        var run = ChapterRun.Execute(Notebook(
            $"#r \"{RepositoryPaths.Root}/lib/Torchbook/bin/Torchbook.dll\"\nusing TorchSharp;\nusing TorchSharp.PyBridge;\nusing static TorchSharp.torch;",
            $"var m = nn.Linear(3, 2);\nm.save_safetensors(\"{file}\");\nvar copies = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == \"TorchSharp\");\nConsole.WriteLine($\"TorchSharp copies: {{copies}}, file: {{new System.IO.FileInfo(\"{file}\").Length > 0}}\");"));
        ChapterAssert.NoErrors(run.Notebook);
        ChapterAssert.Matches(run.Notebook.Cell("c1"), @"TorchSharp copies: 1, file: True");
    }
}

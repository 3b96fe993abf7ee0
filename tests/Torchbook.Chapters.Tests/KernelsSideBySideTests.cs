using Torchbook.Notebooks.Model;

namespace Torchbook.Chapters.Tests;

/// <summary>
/// Our kernel and a real .NET Interactive install in one Jupyter folder: installing ours leaves
/// .NET Interactive's <c>.net-csharp</c> kernelspec as it was, both kernels then run a notebook, and
/// uninstalling ours removes only ours.
/// </summary>
public sealed class KernelsSideBySideTests : IDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("torchbook-side-by-side-").FullName;

    private string JupyterPath => Path.Combine(_prefix, "share", "jupyter");

    private string Spec(string name) => Path.Combine(JupyterPath, "kernels", name, "kernel.json");

    public void Dispose() => Directory.Delete(_prefix, recursive: true);

    [Fact]
    public void Torchbook_and_dotnet_interactive_kernels_coexist_without_clobbering_each_other()
    {
        DotNetInteractiveRun.InstallKernelspecs(JupyterPath);
        var theirs = File.ReadAllText(Spec(".net-csharp"));

        var install = TorchbookCommand.Run("kernel", "install", "--prefix", _prefix);
        Assert.True(install.Exit == 0, install.Output);
        Assert.Contains(".net-csharp", install.Output);   // says it left the real one alone
        Assert.Equal(theirs, File.ReadAllText(Spec(".net-csharp")));
        Assert.True(File.Exists(Spec("torchbook-csharp")), install.Output);

        var notebook = TestNotebook.Write(_prefix, "both.ipynb", "Console.WriteLine(6 * 7);");
        foreach (var kernel in new[] { ".net-csharp", "torchbook-csharp" })
        {
            var run = DotNetInteractiveRun.Execute(notebook, kernel, JupyterPath);
            var cell = run.Executed.Cells.Single();
            Assert.True(cell.Outputs.OfType<StreamOutput>().Any(s => s.Text.Contains("42")),
                $"{kernel}: {string.Join(" | ", cell.Outputs.Select(o => o.GetType().Name))}\n{run.Console}");
        }

        var uninstall = TorchbookCommand.Run("kernel", "uninstall", "--prefix", _prefix);
        Assert.True(uninstall.Exit == 0, uninstall.Output);
        Assert.False(File.Exists(Spec("torchbook-csharp")));
        Assert.Equal(theirs, File.ReadAllText(Spec(".net-csharp")));
    }
}

using System.Reflection;

namespace Torchbook.Kernel.Tests.Support;

/// <summary>
/// The real <c>torchbook kernel</c>, installed with <c>torchbook kernel install --prefix</c> into a
/// temporary folder, and the environment under which Jupyter tools find it there (and nothing in
/// the user's home is read or written).
/// </summary>
public sealed class InstalledKernel : IDisposable
{
    public const string Name = "torchbook-csharp";

    public string Root { get; } = Directory.CreateTempSubdirectory("torchbook-jupyter-").FullName;
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static string Cli => Metadata("TorchbookCli");
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public InstalledKernel()
    {
        var (exitCode, stdout, stderr) = ClientScript.RunProcess(Cli, ["kernel", "install", "--prefix", Root], timeoutSeconds: 60);
        if (exitCode != 0) throw new InvalidOperationException($"torchbook kernel install failed ({exitCode}): {stdout}{stderr}");
        Environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(Root, "share", "jupyter"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
            ["IPYTHONDIR"] = Path.Combine(Root, "ipython"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
        };
    }

    public string KernelSpecFolder(string name = Name) => Path.Combine(Root, "share", "jupyter", "kernels", name);

    private static string Metadata(string key) =>
        typeof(InstalledKernel).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a kernel still exiting; the temp folder is left */ }
    }
}

using System.Text.Json.Nodes;
using Torchbook.Kernel.Tests.Support;
using Xunit;

namespace Torchbook.Kernel.Tests;

/// <summary>
/// `jupyter nbconvert --execute` with the Torchbook kernel writes the same outputs as `torchbook run`
/// (modulo what legitimately differs: timings, ids, metadata).
/// </summary>
public sealed class NbconvertTests(InstalledKernel kernel) : IClassFixture<InstalledKernel>
{

    [NbconvertFact]
    public void Nbconvert_with_the_kernel_matches_torchbook_run_on_the_parity_notebook() =>
        AssertSameOutputs(Path.Combine(AppContext.BaseDirectory, "notebooks", "kernel-parity.ipynb"), kernelName: ".net-csharp");

    [NbconvertFact]
    public void Nbconvert_with_the_kernel_matches_torchbook_run_on_the_demo_notebook()
    {
        var demo = Path.Combine(InstalledKernel.RepositoryRoot, "notebooks", "00-engine-demo.ipynb");
        Assert.True(File.Exists(demo), $"the engine's demo notebook {demo} is missing");
        AssertSameOutputs(demo, kernelName: InstalledKernel.Name);
    }

    private void AssertSameOutputs(string notebook, string kernelName)
    {
        var viaJupyter = Path.Combine(kernel.Root, "nbconvert-" + kernelName);
        var viaRunner = Path.Combine(kernel.Root, "runner-" + kernelName);
        var name = Path.GetFileName(notebook);

        // kernelName ".net-csharp" relies on the notebook's own kernelspec metadata and the alias install.
        List<string> nbconvertArgs = ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=60", notebook, "--output-dir", viaJupyter];
        if (kernelName != ".net-csharp") nbconvertArgs.Insert(5, $"--ExecutePreprocessor.kernel_name={kernelName}");
        var (code, stdout, stderr) = ClientScript.RunProcess(Prerequisites.Python, nbconvertArgs, kernel.Environment, timeoutSeconds: 90,
            workingDirectory: Path.GetDirectoryName(notebook));
        Assert.True(code == 0, $"nbconvert failed ({code}):\n{stdout}\n{stderr}");

        (code, stdout, stderr) = ClientScript.RunProcess(InstalledKernel.Cli, ["run", notebook, "--output", viaRunner], timeoutSeconds: 90,
            workingDirectory: Path.GetDirectoryName(notebook));
        Assert.True(code == 0, $"torchbook run failed ({code}):\n{stdout}\n{stderr}");

        var jupyterCells = CodeCellOutputs(Path.Combine(viaJupyter, name));
        var runnerCells = CodeCellOutputs(Path.Combine(viaRunner, name));
        Assert.Equal(runnerCells.Count, jupyterCells.Count);
        Assert.Contains(runnerCells, c => c != "[]");  // the comparison is about something
        for (var i = 0; i < runnerCells.Count; i++)
            Assert.True(runnerCells[i] == jupyterCells[i], $"code cell {i + 1} differs:\n torchbook run: {runnerCells[i]}\n nbconvert:     {jupyterCells[i]}");

        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(viaJupyter, name)))!["metadata"]!;
        Assert.Equal("csharp", metadata["language_info"]!["name"]!.GetValue<string>());
    }

    /// <summary>Each code cell's outputs as canonical JSON: text joined, consecutive streams merged, metadata dropped.</summary>
    private static List<string> CodeCellOutputs(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        var cells = new List<string>();
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            if (cell!["cell_type"]!.GetValue<string>() != "code") continue;
            var outputs = new JsonArray();
            foreach (var output in cell["outputs"]!.AsArray())
            {
                var type = output!["output_type"]!.GetValue<string>();
                var normal = new JsonObject { ["output_type"] = type };
                switch (type)
                {
                    case "stream":
                        var streamName = output["name"]!.GetValue<string>();
                        var text = Text(output["text"]);
                        if (outputs.Count > 0 && outputs[^1]!["output_type"]!.GetValue<string>() == "stream" && outputs[^1]!["name"]!.GetValue<string>() == streamName)
                        {
                            outputs[^1]!["text"] = outputs[^1]!["text"]!.GetValue<string>() + text;
                            continue;
                        }
                        normal["name"] = streamName;
                        normal["text"] = text;
                        break;
                    case "display_data" or "execute_result":
                        var data = new JsonObject();
                        foreach (var (mime, value) in output["data"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
                            data[mime] = value is JsonArray or JsonValue ? Text(value) : Sorted(value!);
                        normal["data"] = data;
                        if (type == "execute_result") normal["execution_count"] = output["execution_count"]!.DeepClone();
                        break;
                    case "error":
                        normal["ename"] = output["ename"]!.DeepClone();
                        normal["evalue"] = output["evalue"]!.DeepClone();
                        break;
                }
                outputs.Add(normal);
            }
            cells.Add(outputs.ToJsonString());
        }
        return cells;
    }

    // JSON outputs (plotly figures) compare by content: nbformat writes object keys sorted.
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };
}

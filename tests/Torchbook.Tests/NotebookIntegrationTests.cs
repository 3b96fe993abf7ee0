using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;

namespace Torchbook.Tests;

/// <summary>The learner's library inside a real notebook session, loaded the way chapters load it.</summary>
[Collection("global state")] // seeds the global generator: tests running beside it must not draw from it
public class NotebookIntegrationTests
{
    private sealed class Recorder : IOutputSink
    {
        public readonly List<DisplayDataOutput> Displays = [];
        public readonly List<(string Id, MimeBundle Data)> Updates = [];
        public readonly List<string> Errors = [];
        public readonly List<ExecuteResultOutput> Results = [];
        public void OnStream(string name, string text) { }
        public void OnDisplay(DisplayDataOutput display) => Displays.Add(display);
        public void OnUpdateDisplay(string displayId, MimeBundle data) => Updates.Add((displayId, data));
        public void OnResult(ExecuteResultOutput result) => Results.Add(result);
        public void OnError(ErrorOutput error) => Errors.Add($"{error.EName}: {error.EValue}");
    }

    private static string LibraryPath => Path.Combine(AppContext.BaseDirectory, "Torchbook.dll");

    [Fact]
    public async Task Tensors_render_and_a_live_chart_updates_in_place()
    {
        var dir = Directory.CreateTempSubdirectory("tb-live").FullName;
        await using var session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = dir });
        var sink = new Recorder();
        await session.ExecuteAsync($"#r \"{LibraryPath}\"\nusing TorchSharp;\nusing static TorchSharp.torch;\nusing Torchbook;", sink);
        var tensorCell = await session.ExecuteAsync("manual_seed(0);\nrandn(2, 2)", sink);
        Assert.Empty(sink.Errors);
        var html = sink.Results.Single().Data["text/html"];
        Assert.Contains("1.5410", html); // PyTorch's first randn value for seed 0
        await session.ExecuteAsync(
            "var live = LiveChart.Show(\"curve\", minInterval: TimeSpan.Zero);\nfor (int i = 1; i <= 3; i++) live.Append(\"train\", i, 1.0 / i);\nlive.Flush();", sink);
        Assert.Empty(sink.Errors);
        var shown = Assert.Single(sink.Displays);
        Assert.True(sink.Updates.Count >= 3, $"expected in-place updates, got {sink.Updates.Count}");
        Assert.All(sink.Updates, u => Assert.Equal(shown.DisplayId, u.Id));
        Assert.Contains("3 points", sink.Updates[^1].Data["text/plain"]);
    }
}

public class FitInNotebookTests
{
    private sealed class Recorder : IOutputSink
    {
        public readonly List<DisplayDataOutput> Displays = [];
        public readonly List<(string Id, MimeBundle Data)> Updates = [];
        public readonly List<string> Streams = [];
        public readonly List<string> Errors = [];
        public void OnStream(string name, string text) => Streams.Add(text);
        public void OnDisplay(DisplayDataOutput display) => Displays.Add(display);
        public void OnUpdateDisplay(string displayId, MimeBundle data) => Updates.Add((displayId, data));
        public void OnResult(ExecuteResultOutput result) { }
        public void OnError(ErrorOutput error) => Errors.Add($"{error.EName}: {error.EValue}");
    }

    [Fact]
    public async Task Fit_in_a_notebook_shows_curves_and_a_progress_text_updated_in_place()
    {
        var dir = Directory.CreateTempSubdirectory("tb-fit").FullName;
        await using var session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = dir });
        var sink = new Recorder();
        var lib = Path.Combine(AppContext.BaseDirectory, "Torchbook.dll");
        await session.ExecuteAsync($"#r \"{lib}\"\nusing TorchSharp;\nusing static TorchSharp.torch;\nusing static TorchSharp.torch.nn;\nusing Torchbook;\nusing static Torchbook.Training;", sink);
        await session.ExecuteAsync(
            "manual_seed(0);\n" +
            "var X = randn(256, 2); var y = X.sum(1).gt(0).to(ScalarType.Int64);\n" +
            "var batches = Enumerable.Range(0, 8).Select(i => (X.narrow(0, i * 32, 32), y.narrow(0, i * 32, 32))).ToList();\n" +
            "var model = Sequential(Linear(2, 8), ReLU(), Linear(8, 2));\n" +
            "var history = fit(model, batches, CrossEntropyLoss(), optim.SGD(model.parameters(), 0.5), epochs: 3, val_loader: batches);", sink);
        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Streams); // nothing printed: everything is in the two displays
        Assert.Equal(2, sink.Displays.Count);
        var text = sink.Displays[0].DisplayId;
        var chart = sink.Displays[1].DisplayId;
        var lastText = sink.Updates.Last(u => u.Id == text).Data["text/plain"];
        Assert.Contains("epoch   3  train_loss", lastText);
        Assert.Contains("best val_loss", lastText);
        var lastChart = sink.Updates.Last(u => u.Id == chart).Data;
        Assert.Contains("<svg", lastChart["text/html"]);
        Assert.Contains("validation", lastChart["text/html"]);
    }
}

public class ModuleDisplayTests
{
    [Fact]
    public async Task Modules_and_summaries_show_their_pytorch_text()
    {
        var dir = Directory.CreateTempSubdirectory("tb-module").FullName;
        await using var session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = dir });
        var results = new List<ExecuteResultOutput>();
        var sink = new ResultSink(results);
        var lib = Path.Combine(AppContext.BaseDirectory, "Torchbook.dll");
        await session.ExecuteAsync($"#r \"{lib}\"\nusing TorchSharp;\nusing static TorchSharp.torch;", sink);
        await session.ExecuteAsync("var net = nn.Sequential(nn.Linear(784, 512), nn.ReLU());\nnet", sink);
        await session.ExecuteAsync("Torchbook.torchsummary.summary(net, 784)", sink);
        Assert.Equal(2, results.Count);
        Assert.Equal("Sequential(\n  (0): Linear(in_features=784, out_features=512, bias=True)\n  (1): ReLU()\n)", results[0].Data["text/plain"]);
        Assert.StartsWith("<pre class=\"torchbook-module\">Sequential(", results[0].Data["text/html"]);
        Assert.Contains("Total params: 401,920", results[1].Data["text/plain"]);
    }

    internal sealed class ResultSink(List<ExecuteResultOutput> results) : IOutputSink
    {
        public void OnStream(string name, string text) { }
        public void OnDisplay(DisplayDataOutput display) { }
        public void OnUpdateDisplay(string displayId, MimeBundle data) { }
        public void OnResult(ExecuteResultOutput result) => results.Add(result);
        public void OnError(ErrorOutput error) => throw new Xunit.Sdk.XunitException($"{error.EName}: {error.EValue}");
    }
}

public class LibraryReferenceTests
{
    [Fact]
    public void Torchbook_dll_references_every_assembly_a_notebook_uses()
    {
        var referenced = typeof(TorchbookAssemblies).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToHashSet();
        foreach (var assembly in TorchbookAssemblies.All.Skip(1))
            Assert.Contains(assembly.GetName().Name, referenced);
    }

    [Fact]
    public async Task A_notebook_with_only_the_one_reference_sees_torchvision()
    {
        var dir = Directory.CreateTempSubdirectory("tb-refs").FullName;
        await using var session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = dir });
        var results = new List<ExecuteResultOutput>();
        var lib = Path.Combine(AppContext.BaseDirectory, "Torchbook.dll");
        await session.ExecuteAsync($"#r \"{lib}\"\nusing TorchSharp;\nusing static TorchSharp.torch;", new ModuleDisplayTests.ResultSink(results));
        await session.ExecuteAsync("torchvision.transforms.Compose(torchvision.transforms.Grayscale(), Torchbook.Vision.transforms.Normalize(new[] { 0.5 }, new[] { 0.5 })).call(ones(3, 4, 4)).shape", new ModuleDisplayTests.ResultSink(results));
        Assert.Equal("[ 1, 4, 4 ]", Assert.Single(results).Data["text/plain"]);
    }
}

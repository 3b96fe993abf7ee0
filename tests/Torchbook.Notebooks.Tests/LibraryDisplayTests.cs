using Torchbook.Notebooks.Execution;
using Torchbook.Notebooks.Model;
using Xunit;

namespace Torchbook.Notebooks.Tests;

/// <summary>A library loaded with #r displays and updates through Torchbook.Formatting.Display.</summary>
public sealed class LibraryDisplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("torchbook-lib-").FullName;
    private readonly NotebookSession _session;

    public LibraryDisplayTests()
    {
        TestLibraryBuilder.Build(Path.Combine(_dir, "lib"));
        _session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = _dir });
    }

    public void Dispose()
    {
        _session.Dispose();
        Directory.SetCurrentDirectory(Path.GetTempPath());
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Library_display_and_update_show_up_in_the_cell_outputs()
    {
        var sink = new RecordingSink();
        var result = await _session.ExecuteAsync("#r \"lib/TrainingLib.dll\"\nTrainingLib.Trainer.Fit(3);", sink);
        Assert.True(result.Succeeded, result.Error?.EValue);
        var display = Assert.IsType<DisplayDataOutput>(result.Outputs[0]);
        Assert.Equal("epoch 3", display.Data.PlainText);
        Assert.Equal(3, sink.Events.Count(e => e.StartsWith($"update:{display.DisplayId}:", StringComparison.Ordinal)));
        Assert.Equal("trained\n", Assert.IsType<StreamOutput>(result.Outputs[1]).Text);
    }

    [Fact]
    public async Task Host_loaded_formatting_assembly_is_not_loaded_twice()
    {
        await _session.ExecuteAsync("#r \"lib/TrainingLib.dll\"", NullOutputSink.Instance);
        var result = await _session.ExecuteAsync("TrainingLib.Trainer.SharesHostFormatting(typeof(DisplayHandle))", NullOutputSink.Instance);
        Assert.Equal("True", result.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Direct_reference_to_a_copy_of_a_host_assembly_uses_the_host_one()
    {
        var result = await _session.ExecuteAsync(
            "#r \"lib/Torchbook.Formatting.dll\"\ntypeof(DisplayHandle).Assembly.Location",
            NullOutputSink.Instance);
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(typeof(Torchbook.Formatting.DisplayHandle).Assembly.Location, result.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Library_in_an_isolated_load_context_still_reaches_the_host()
    {
        // The worst case: a second copy of Torchbook.Formatting in another AssemblyLoadContext.
        var code = """
            var alc = new System.Runtime.Loader.AssemblyLoadContext("isolated");
            var formattingCopy = alc.LoadFromAssemblyPath(System.IO.Path.GetFullPath("lib/Torchbook.Formatting.dll"));
            var lib = alc.LoadFromAssemblyPath(System.IO.Path.GetFullPath("lib/TrainingLib.dll"));
            lib.GetType("TrainingLib.Trainer")!.GetMethod("Fit")!.Invoke(null, new object[] { 2 });
            formattingCopy == typeof(DisplayHandle).Assembly
            """;
        var result = await _session.ExecuteAsync(code, NullOutputSink.Instance);
        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal("epoch 2", Assert.IsType<DisplayDataOutput>(result.Outputs[0]).Data.PlainText);
        Assert.Equal("False", result.Outputs.OfType<ExecuteResultOutput>().Single().Data.PlainText);
    }

    [Fact]
    public async Task Library_type_formatter_is_found_by_convention()
    {
        var result = await _session.ExecuteAsync("#r \"lib/TrainingLib.dll\"\nnew TrainingLib.Chart { Title = \"accuracy\" }", NullOutputSink.Instance);
        var output = result.Outputs.OfType<ExecuteResultOutput>().Single();
        Assert.Equal("<svg><title>accuracy</title></svg>", output.Data["text/html"]);
        Assert.True(output.Data.ContainsKey("text/plain"));
    }

    [Fact]
    public async Task Missing_reference_names_the_path_and_the_build_command()
    {
        var result = await _session.ExecuteAsync("#r \"../lib/Torchbook/bin/Release/net10.0/Nope.dll\"", NullOutputSink.Instance);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Contains("Nope.dll", error.EValue);
        Assert.Contains("./build.sh build", error.EValue);
    }

    [Fact]
    public void Without_a_host_display_writes_text_to_the_console()
    {
        var original = Console.Out;
        var writer = new StringWriter();
        var saved = AppContext.GetData(Torchbook.Formatting.DisplayHostContract.ShowKey);
        try
        {
            AppContext.SetData(Torchbook.Formatting.DisplayHostContract.ShowKey, null);
            Console.SetOut(writer);
            Torchbook.Formatting.Display.Show("plain text").Update("second");
        }
        finally
        {
            Console.SetOut(original);
            AppContext.SetData(Torchbook.Formatting.DisplayHostContract.ShowKey, saved);
        }
        Assert.Equal("plain text\nsecond\n", writer.ToString().Replace("\r", ""));
    }
}

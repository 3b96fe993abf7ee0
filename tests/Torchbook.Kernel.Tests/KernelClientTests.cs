using System.Text.Json;
using Torchbook.Kernel.Tests.Support;
using Xunit;

namespace Torchbook.Kernel.Tests;

/// <summary>
/// End to end: jupyter_client starts the installed `torchbook kernel` from its kernelspec and drives
/// it with C# cells, as Jupyter front ends do. Scenarios that leave the kernel as they found it share
/// one kernel session (started once per class); interrupt and restart get their own.
/// </summary>
public sealed class KernelClientTests(KernelClientTests.Sessions sessions) : IClassFixture<KernelClientTests.Sessions>
{
    /// <summary>The installed kernel, and the shared session's results, computed on first use.</summary>
    public sealed class Sessions : IDisposable
    {
        public InstalledKernel Kernel { get; } = new();
        private readonly Lazy<JsonElement> _shared;

        public Sessions() => _shared = new(() => Run("execute", "language", "stdin", "bad_signature"));

        public JsonElement Scenario(string name) => name is "interrupt" or "restart" ? Run(name).GetProperty(name) : _shared.Value.GetProperty(name);

        private JsonElement Run(params string[] scenarios) =>
            ClientScript.Run("kernel_client.py", [.. scenarios, "--kernel-name", InstalledKernel.Name], Kernel.Environment, timeoutSeconds: 120);

        public void Dispose() => Kernel.Dispose();
    }

    private JsonElement Run(string scenario) => sessions.Scenario(scenario);

    private static string[] Types(JsonElement iopub) => iopub.EnumerateArray().Select(m => m.GetProperty("msg_type").GetString()!).ToArray();

    private static JsonElement Reply(JsonElement cell) => cell.GetProperty("reply");

    [JupyterFact]
    public void Executes_cells_with_streams_displays_results_errors_and_history()
    {
        var result = Run("execute");
        var cells = result.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(
            ["status", "execute_input", "stream", "display_data", "stream", "update_display_data", "execute_result", "status"],
            Types(cells[0].GetProperty("iopub")));
        var first = cells[0].GetProperty("iopub").EnumerateArray().ToArray();
        Assert.Equal("hello from C#\n", first[2].GetProperty("content").GetProperty("text").GetString());
        var displayId = first[3].GetProperty("content").GetProperty("transient").GetProperty("display_id").GetString();
        Assert.False(string.IsNullOrEmpty(displayId));
        Assert.Equal(displayId, first[5].GetProperty("content").GetProperty("transient").GetProperty("display_id").GetString());
        Assert.Equal("42", first[6].GetProperty("content").GetProperty("data").GetProperty("text/plain").GetString());

        // A throwing cell and a compile error: error replies, and the kernel goes on.
        Assert.Equal("InvalidOperationException", Reply(cells[1]).GetProperty("ename").GetString());
        Assert.Contains("error", Types(cells[1].GetProperty("iopub")));
        Assert.Equal("CompilationError", Reply(cells[2]).GetProperty("ename").GetString());
        Assert.Contains("CS1525", Reply(cells[2]).GetProperty("evalue").GetString());
        Assert.Equal("still alive", cells[3].GetProperty("iopub").EnumerateArray()
            .Single(m => m.GetProperty("msg_type").GetString() == "execute_result").GetProperty("content").GetProperty("data").GetProperty("text/plain").GetString());

        // silent: nothing but status on iopub; no history, no count.
        Assert.Equal(["status", "status"], Types(cells[4].GetProperty("iopub")));
        Assert.Equal(4, Reply(cells[4]).GetProperty("execution_count").GetInt32());
        Assert.Equal(4, Reply(cells[5]).GetProperty("execution_count").GetInt32());  // store_history false
        var expressions = Reply(cells[5]).GetProperty("user_expressions");
        Assert.Equal("ok", expressions.GetProperty("answer").GetProperty("status").GetString());
        Assert.Equal("42", expressions.GetProperty("answer").GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal("error", expressions.GetProperty("broken").GetProperty("status").GetString());
        Assert.Equal(5, Reply(cells[6]).GetProperty("execution_count").GetInt32());

        var history = result.GetProperty("history").GetProperty("history").EnumerateArray().Select(h => h[2].GetString()).ToArray();
        Assert.Equal(5, history.Length);
        Assert.Equal("2", history[^1]);
        Assert.DoesNotContain("Console.WriteLine(\"quiet\")", history);
        Assert.Equal("\"still alive\"", result.GetProperty("search").GetProperty("history")[0][2].GetString());
    }

    [JupyterFact]
    public void Completes_inspects_and_judges_completeness_over_the_session()
    {
        var result = Run("language");
        Assert.Contains("learningRate", result.GetProperty("complete_var").GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        var member = result.GetProperty("complete_member");
        Assert.Contains("Length", member.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("greeting.".Length, member.GetProperty("cursor_start").GetInt32());
        Assert.Contains("Sqrt", result.GetProperty("complete_static").GetProperty("matches").EnumerateArray().Select(m => m.GetString()));

        var inspect = result.GetProperty("inspect");
        Assert.True(inspect.GetProperty("found").GetBoolean());
        var text = inspect.GetProperty("data").GetProperty("text/plain").GetString();
        Assert.Contains("Console.WriteLine", text);
        Assert.Contains("standard output", text);
        Assert.Contains("double learningRate", result.GetProperty("inspect_var").GetProperty("data").GetProperty("text/plain").GetString());

        var checks = result.GetProperty("is_complete");
        Assert.Equal("incomplete", checks.GetProperty("open_brace").GetProperty("status").GetString());
        Assert.Equal("    ", checks.GetProperty("open_brace").GetProperty("indent").GetString());
        Assert.Equal("incomplete", checks.GetProperty("open_paren").GetProperty("status").GetString());
        Assert.Equal("incomplete", checks.GetProperty("open_string").GetProperty("status").GetString());
        Assert.Equal("complete", checks.GetProperty("complete").GetProperty("status").GetString());
        Assert.Equal("complete", checks.GetProperty("expression").GetProperty("status").GetString());

        Assert.Empty(result.GetProperty("comm_info").GetProperty("comms").EnumerateObject());
        var info = result.GetProperty("kernel_info");
        Assert.Equal("5.3", info.GetProperty("protocol_version").GetString());
        Assert.Equal("torchbook", info.GetProperty("implementation").GetString());
        var language = info.GetProperty("language_info");
        Assert.Equal("csharp", language.GetProperty("name").GetString());
        Assert.Equal("text/x-csharp", language.GetProperty("mimetype").GetString());
        Assert.Equal(".cs", language.GetProperty("file_extension").GetString());
    }

    [JupyterFact]
    public void Interrupting_an_endless_loop_by_message_or_SIGINT_keeps_the_kernel_alive()
    {
        var result = Run("interrupt");
        Assert.Equal("error", result.GetProperty("reply").GetProperty("status").GetString());
        Assert.Equal("CellInterrupted", result.GetProperty("reply").GetProperty("ename").GetString());
        Assert.True(result.GetProperty("alive").GetBoolean());
        var after = result.GetProperty("after");
        Assert.Equal("ok", Reply(after).GetProperty("status").GetString());
        Assert.Contains("execute_result", Types(after.GetProperty("iopub")));

        Assert.Equal("CellInterrupted", result.GetProperty("signal_reply").GetProperty("ename").GetString());
        Assert.Equal("ok", Reply(result.GetProperty("after_signal")).GetProperty("status").GetString());
    }

    [JupyterFact]
    public void Restart_gives_a_fresh_session()
    {
        var result = Run("restart");
        Assert.Equal("ok", Reply(result.GetProperty("before")).GetProperty("status").GetString());
        var after = Reply(result.GetProperty("after"));
        Assert.Equal("error", after.GetProperty("status").GetString());
        Assert.Contains("remembered", after.GetProperty("evalue").GetString());
        Assert.Equal(1, after.GetProperty("execution_count").GetInt32());
        Assert.Equal("ok", Reply(result.GetProperty("fresh")).GetProperty("status").GetString());
    }

    [JupyterFact]
    public void A_forged_execute_request_is_neither_answered_nor_run()
    {
        var result = Run("bad_signature");
        Assert.False(result.GetProperty("forged").GetProperty("wrong_key").GetProperty("got_reply").GetBoolean());
        Assert.False(result.GetProperty("forged").GetProperty("no_signature").GetProperty("got_reply").GetBoolean());
        // The variables the forged cells would have declared do not exist.
        Assert.Contains("forged_wrong_key", Reply(result.GetProperty("probe")).GetProperty("evalue").GetString());
        Assert.Equal("CompilationError", Reply(result.GetProperty("probe")).GetProperty("ename").GetString());
        Assert.Equal("CompilationError", Reply(result.GetProperty("probe2")).GetProperty("ename").GetString());
        Assert.Equal("ok", Reply(result.GetProperty("alive")).GetProperty("status").GetString());
    }

    [JupyterFact]
    public void Console_ReadLine_asks_the_front_end()
    {
        var result = Run("stdin");
        Assert.Equal("input_request", result.GetProperty("input_request").GetProperty("msg_type").GetString());
        Assert.True(result.GetProperty("input_request").GetProperty("parent_ok").GetBoolean());
        Assert.Equal("ok", result.GetProperty("reply").GetProperty("status").GetString());
        var text = string.Concat(result.GetProperty("iopub").EnumerateArray()
            .Where(m => m.GetProperty("msg_type").GetString() == "stream")
            .Select(m => m.GetProperty("content").GetProperty("text").GetString()));
        Assert.Contains("hello Ada", text);
        Assert.Equal("error", Reply(result.GetProperty("denied")).GetProperty("status").GetString());
    }
}

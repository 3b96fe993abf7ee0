using System.Text.Json;
using Torchbook.Kernel.Tests.Support;
using Xunit;

namespace Torchbook.Kernel.Tests;

/// <summary>
/// The protocol, driven by a real jupyter_client against a kernel served from this process with the
/// scripted test executor (no C# engine involved).
/// </summary>
public sealed class ProtocolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("torchbook-kernel-").FullName;
    private readonly ScriptedCellExecutor _executor = new();
    private readonly InProcessKernel _kernel;

    public ProtocolTests() => _kernel = new InProcessKernel(_executor, _directory);

    public void Dispose()
    {
        _kernel.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private JsonElement Run(string scenario) => ClientScript.Run("protocol_client.py", [scenario, "--connection-file", _kernel.ConnectionFile]);

    private static string[] Types(JsonElement iopub) => iopub.EnumerateArray().Select(m => m.GetProperty("msg_type").GetString()!).ToArray();

    [JupyterFact]
    public void Outputs_arrive_in_order_between_busy_and_idle()
    {
        var result = Run("ordering");
        var cell = result.GetProperty("cell");
        Assert.Equal(
            ["status", "execute_input", "stream", "display_data", "stream", "update_display_data", "execute_result", "status"],
            Types(cell.GetProperty("iopub")));
        var iopub = cell.GetProperty("iopub").EnumerateArray().ToArray();
        Assert.Equal("busy", iopub[0].GetProperty("content").GetProperty("execution_state").GetString());
        Assert.Equal("one\n", iopub[2].GetProperty("content").GetProperty("text").GetString());
        Assert.Equal("stderr", iopub[4].GetProperty("content").GetProperty("name").GetString());
        Assert.Equal("d1", iopub[3].GetProperty("content").GetProperty("transient").GetProperty("display_id").GetString());
        Assert.Equal("d1", iopub[5].GetProperty("content").GetProperty("transient").GetProperty("display_id").GetString());
        Assert.Equal("42", iopub[6].GetProperty("content").GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal(1, iopub[6].GetProperty("content").GetProperty("execution_count").GetInt32());
        Assert.Equal("ok", cell.GetProperty("reply").GetProperty("status").GetString());

        var failing = result.GetProperty("failing");
        Assert.Equal("error", failing.GetProperty("reply").GetProperty("status").GetString());
        Assert.Equal("boom", failing.GetProperty("reply").GetProperty("evalue").GetString());
        Assert.Contains("error", Types(failing.GetProperty("iopub")));
        Assert.Equal("ok", result.GetProperty("after").GetProperty("reply").GetProperty("status").GetString());
        Assert.Equal(3, result.GetProperty("after").GetProperty("reply").GetProperty("execution_count").GetInt32());
    }

    [JupyterFact]
    public void Messages_with_a_wrong_or_missing_signature_are_dropped_unexecuted()
    {
        var forged = Run("bad_signature").GetProperty("forged");
        Assert.False(forged.GetProperty("wrong_key").GetProperty("replied").GetBoolean());
        Assert.False(forged.GetProperty("no_signature").GetProperty("replied").GetBoolean());
        // The same raw client, signing with the right key, is answered: the test can tell the difference.
        Assert.True(forged.GetProperty("right_key").GetProperty("replied").GetBoolean());
        Assert.DoesNotContain("out wrong_key", _executor.Executed);
        Assert.DoesNotContain("out no_signature", _executor.Executed);
        Assert.Contains("out right_key", _executor.Executed);
    }

    [JupyterFact]
    public void Console_ReadLine_becomes_an_input_request_when_stdin_is_allowed()
    {
        var result = Run("stdin");
        var request = result.GetProperty("input_request");
        Assert.Equal("input_request", request.GetProperty("msg_type").GetString());
        Assert.True(request.GetProperty("parent_ok").GetBoolean());
        var streams = result.GetProperty("iopub").EnumerateArray().Where(m => m.GetProperty("msg_type").GetString() == "stream")
            .Select(m => m.GetProperty("content").GetProperty("text").GetString());
        Assert.Contains("read: Ada\n", streams);
        var denied = result.GetProperty("denied").GetProperty("reply");
        Assert.Equal("error", denied.GetProperty("status").GetString());
        Assert.Contains("allow_stdin", denied.GetProperty("evalue").GetString());
    }

    [JupyterFact]
    public void Interrupt_request_on_control_stops_the_cell_and_the_kernel_answers_after()
    {
        var result = Run("interrupt");
        Assert.Equal("ok", result.GetProperty("kernel_info_while_busy").GetString());
        Assert.Equal("ok", result.GetProperty("interrupt").GetProperty("status").GetString());
        Assert.Equal("error", result.GetProperty("reply").GetProperty("status").GetString());
        Assert.Equal("OperationCanceledException", result.GetProperty("reply").GetProperty("ename").GetString());
        Assert.Equal("ok", result.GetProperty("after").GetProperty("reply").GetProperty("status").GetString());
        Assert.False(result.GetProperty("shutdown").GetProperty("restart").GetBoolean());
        Assert.True(_kernel.Kernel.ShutdownRequested);
    }

    [JupyterFact]
    public void Execute_requests_queued_behind_a_failing_cell_are_aborted()
    {
        var result = Run("abort_queue");
        var replies = result.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["error", "aborted"], replies);
        Assert.DoesNotContain("out never", _executor.Executed);
        Assert.Equal("ok", result.GetProperty("after").GetProperty("reply").GetProperty("status").GetString());
    }

    [JupyterFact]
    public void Comm_open_is_answered_with_comm_close_and_no_comms_exist()
    {
        var result = Run("comm");
        var close = result.GetProperty("iopub").EnumerateArray().Single(m => m.GetProperty("msg_type").GetString() == "comm_close");
        Assert.Equal("c-1", close.GetProperty("content").GetProperty("comm_id").GetString());
        Assert.Empty(result.GetProperty("comm_info").GetProperty("comms").EnumerateObject());
    }

    [JupyterFact]
    public void An_interrupt_cancels_a_cell_that_is_still_waiting_to_start()
    {
        // The race a cold kernel hits: execute, then interrupt while the C# session is still
        // starting. The queued cell must not start afterwards (it would spin forever).
        using var release = new ManualResetEventSlim();
        var executor = new ScriptedCellExecutor();
        using var slow = new InProcessKernel(() => { release.Wait(TimeSpan.FromSeconds(30)); return executor; }, _directory);
        var goFile = Path.Combine(_directory, "interrupt-go");
        var client = Task.Run(() => ClientScript.Run("protocol_client.py", ["interrupt_queued", "--connection-file", slow.ConnectionFile, "--go-file", goFile]));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // Shell and control have no order between them: let the client interrupt only once its
        // cell is queued, then release the session only once the interrupt has arrived.
        while (!slow.Kernel.HasQueuedRequests && !client.IsCompleted && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.True(slow.Kernel.HasQueuedRequests, "the client's execute_request never reached the kernel's queue");
        File.WriteAllText(goFile, "");
        while (slow.Kernel.InterruptedThrough == 0 && !client.IsCompleted && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.True(slow.Kernel.InterruptedThrough != 0, "the interrupt never arrived");
        Assert.True(slow.Kernel.HasQueuedRequests, "the cell left the queue before the session was released");
        release.Set();
        Assert.True(client.Wait(TimeSpan.FromSeconds(60)));
        var result = client.Result;
        Assert.Equal("ok", result.GetProperty("interrupt").GetProperty("status").GetString());
        Assert.Equal("CellInterrupted", result.GetProperty("reply").GetProperty("ename").GetString());
        Assert.DoesNotContain("out never runs", executor.Executed);
        Assert.Equal("ok", result.GetProperty("after").GetProperty("reply").GetProperty("status").GetString());
    }

    [JupyterFact]
    public void Kernel_info_is_answered_while_the_session_is_still_starting()
    {
        // The executor takes its time to appear (as Roslyn does); the client must still get
        // kernel_info at once, and its first cell runs when the session is there.
        using var release = new ManualResetEventSlim();
        var executor = new ScriptedCellExecutor();
        using var slow = new InProcessKernel(() => { release.Wait(TimeSpan.FromSeconds(30)); return executor; }, _directory);
        var client = Task.Run(() => ClientScript.Run("protocol_client.py", ["ordering", "--connection-file", slow.ConnectionFile]));
        // The client got past wait_for_ready (kernel_info) and sent its first cell before the executor existed.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (slow.Kernel.Executor is null && !client.IsCompleted && DateTime.UtcNow < deadline && !slow.Kernel.HasQueuedRequests) Thread.Sleep(20);
        Assert.True(slow.Kernel.HasQueuedRequests, "the client never sent a cell: kernel_info was not answered while the session started");
        release.Set();
        Assert.True(client.Wait(TimeSpan.FromSeconds(60)));
        Assert.Equal("ok", client.Result.GetProperty("after").GetProperty("reply").GetProperty("status").GetString());
    }
}

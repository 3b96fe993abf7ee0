using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;
using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Language;
using Torchbook.Kernel.Protocol;

namespace Torchbook.Kernel;

/// <summary>
/// The C# kernel's message handling. Shell requests are served in arrival order on one execution
/// thread (cells, completion, inspection, history); control requests (kernel_info, interrupt,
/// shutdown) are answered on the I/O thread at once, also while a cell runs. Every request is
/// bracketed by status busy/idle on iopub.
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private readonly KernelServer _server;
    private readonly Func<ICellExecutor> _createExecutor;
    private ICellExecutor _executor = null!;
    private readonly BlockingCollection<(long Sequence, JupyterMessage Message)> _shellQueue = new();
    private readonly ExecutionHistory _history = new();
    private readonly StdinBridge _stdin;
    private readonly ManualResetEventSlim _shutdown = new();
    private readonly Thread _executionThread;
    private readonly object _cellLock = new();
    private CancellationTokenSource? _runningCell;
    private JupyterMessage? _runningRequest;
    private long _received;
    // An interrupt cancels every execution requested before it arrived, including requests still
    // waiting in the queue (for example while the C# session is starting), not only a running one.
    private long _interruptedThrough;
    private long _currentSequence;
    private long _abortThrough = -1;
    private int _executionCount;

    /// <summary>
    /// Subscribes to <paramref name="server"/> at once (construct before starting the server, so no
    /// early message is missed). The executor is created on the execution thread by
    /// <see cref="Start"/>, so kernel_info is answered while the C# session is still being set up.
    /// </summary>
    public JupyterKernel(KernelServer server, Func<ICellExecutor> createExecutor)
    {
        _server = server;
        _createExecutor = createExecutor;
        _stdin = new StdinBridge(SendInputRequest);
        _server.MessageReceived += OnMessage;
        _executionThread = new Thread(ExecutionLoop, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = "kernel execution" };
    }

    /// <summary>True once a shutdown_request was answered; <see cref="RestartRequested"/> tells which kind.</summary>
    public bool ShutdownRequested => _shutdown.IsSet;
    public bool RestartRequested { get; private set; }

    /// <summary>Set when the C# session could not be created; the kernel then stops.</summary>
    public Exception? StartupError { get; private set; }

    /// <summary>True while shell requests wait for the execution thread.</summary>
    public bool HasQueuedRequests => _shellQueue.Count > 0;

    /// <summary>How many shell requests the latest interrupt applies to (0 before any interrupt).</summary>
    public long InterruptedThrough => Interlocked.Read(ref _interruptedThrough);

    /// <summary>The executor, once the execution thread created it (null before).</summary>
    public ICellExecutor? Executor => Volatile.Read(ref _executor);

    /// <summary>Console.In for cells: reads become input_requests.</summary>
    public TextReader ConsoleInput => _stdin;

    /// <summary>Starts serving; publishes status "starting" then "idle".</summary>
    public void Start()
    {
        _executionThread.Start();
        Publish(null, "status", new JsonObject { ["execution_state"] = "starting" });
        Publish(null, "status", new JsonObject { ["execution_state"] = "idle" });
    }

    /// <summary>Blocks until a shutdown_request arrives or <paramref name="cancellation"/> fires.</summary>
    public void WaitForShutdown(CancellationToken cancellation)
    {
        try { _shutdown.Wait(cancellation); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Cancels the running cell, if any (interrupt_request and SIGINT). The kernel lives on.</summary>
    public void Interrupt()
    {
        lock (_cellLock)
        {
            Interlocked.Exchange(ref _interruptedThrough, Interlocked.Read(ref _received));
            if (_runningCell is null) return;
            KernelLog.Debug("interrupting the running cell");
            _runningCell.Cancel();
        }
    }

    private void OnMessage(Channel channel, JupyterMessage message)
    {
        switch (channel)
        {
            case Channel.Control:
                HandleControl(message);
                break;
            case Channel.Shell when message.MessageType == "kernel_info_request":
                // Needs no session state: answered at once, even while the session starts or a cell runs.
                Busy(message);
                ReplyOn(Channel.Shell, message, "kernel_info_reply", KernelInfo());
                Idle(message);
                break;
            case Channel.Shell:
                _shellQueue.Add((Interlocked.Increment(ref _received), message));
                break;
            case Channel.Stdin when message.MessageType == "input_reply":
                _stdin.Deliver(message.Content["value"]?.GetValue<string>() ?? "");
                break;
            default:
                KernelLog.Warn($"ignored {message.MessageType} on {channel.ToString().ToLowerInvariant()}");
                break;
        }
    }

    private void HandleControl(JupyterMessage request)
    {
        Busy(request);
        switch (request.MessageType)
        {
            case "kernel_info_request":
                ReplyOn(Channel.Control, request, "kernel_info_reply", KernelInfo());
                break;
            case "interrupt_request":
                Interrupt();
                ReplyOn(Channel.Control, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                break;
            case "shutdown_request":
                var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
                var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                ReplyOn(Channel.Control, request, "shutdown_reply", content);
                Publish(request, "shutdown_reply", (JsonObject)content.DeepClone());
                RestartRequested = restart;
                Interrupt();
                _shutdown.Set();
                break;
            default:
                KernelLog.Warn($"control message {request.MessageType} is not supported; ignored");
                break;
        }
        Idle(request);
    }

    private void ExecutionLoop()
    {
        try
        {
            Volatile.Write(ref _executor, _createExecutor());
        }
        catch (Exception e)
        {
            KernelLog.Warn($"error: cannot start the C# session: {e.Message}");
            StartupError = e;
            _shutdown.Set();
            return;
        }
        foreach (var (sequence, request) in _shellQueue.GetConsumingEnumerable())
        {
            Busy(request);
            try
            {
                HandleShell(sequence, request);
            }
            catch (Exception e)
            {
                KernelLog.Warn($"{request.MessageType} failed: {e}");
                ReplyOn(Channel.Shell, request, request.MessageType.Replace("_request", "_reply"), new JsonObject
                {
                    ["status"] = "error",
                    ["ename"] = e.GetType().Name,
                    ["evalue"] = e.Message,
                    ["traceback"] = new JsonArray(),
                });
            }
            Idle(request);
        }
    }

    private void HandleShell(long sequence, JupyterMessage request)
    {
        _currentSequence = sequence;
        var c = request.Content;
        switch (request.MessageType)
        {
            case "execute_request":
                if (Interlocked.Read(ref _abortThrough) >= sequence)
                    Reply(request, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });
                else
                    Execute(request);
                break;
            case "complete_request":
                Reply(request, "complete_reply", Complete(Str(c, "code"), Int(c, "cursor_pos", -1)));
                break;
            case "inspect_request":
                Reply(request, "inspect_reply", Inspect(Str(c, "code"), Int(c, "cursor_pos", -1)));
                break;
            case "is_complete_request":
                var (status, indent) = SubmissionCompleteness.Check(Str(c, "code"));
                Reply(request, "is_complete_reply", status == "incomplete"
                    ? new JsonObject { ["status"] = status, ["indent"] = indent }
                    : new JsonObject { ["status"] = status });
                break;
            case "history_request":
                Reply(request, "history_reply", History(c));
                break;
            case "comm_info_request":
                Reply(request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                break;
            case "comm_open":
                // No comm targets exist in this kernel: close the comm at once, as the protocol asks.
                Publish(request, "comm_close", new JsonObject { ["comm_id"] = Str(c, "comm_id"), ["data"] = new JsonObject() });
                break;
            case "comm_msg" or "comm_close":
                break;
            default:
                KernelLog.Warn($"shell message {request.MessageType} is not supported; ignored");
                break;
        }
    }

    private void Execute(JupyterMessage request)
    {
        var c = request.Content;
        var code = Str(c, "code");
        var silent = c["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (c["store_history"]?.GetValue<bool>() ?? true);
        var allowStdin = c["allow_stdin"]?.GetValue<bool>() ?? false;
        var stopOnError = c["stop_on_error"]?.GetValue<bool>() ?? true;
        var count = storeHistory ? ++_executionCount : _executionCount;
        if (storeHistory) _history.Add(count, code);
        if (!silent)
            Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });

        var outputs = new KernelOutputs(_server, request, silent);
        var outcome = RunCell(request, code, count, outputs, allowStdin);

        if (outcome.Error is { } error)
        {
            if (!silent)
                Publish(request, "error", ErrorContent(error));
            var reply = ErrorContent(error);
            reply["status"] = "error";
            reply["execution_count"] = count;
            reply["user_expressions"] = new JsonObject();
            reply["payload"] = new JsonArray();
            Reply(request, "execute_reply", reply);
            if (stopOnError) Interlocked.Exchange(ref _abortThrough, Interlocked.Read(ref _received));
            return;
        }
        if (outcome.ResultData is { } data && !silent)
            Publish(request, "execute_result", new JsonObject
            {
                ["execution_count"] = count,
                ["data"] = data.DeepClone(),
                ["metadata"] = outcome.ResultMetadata.DeepClone(),
            });
        Reply(request, "execute_reply", new JsonObject
        {
            ["status"] = "ok",
            ["execution_count"] = count,
            ["user_expressions"] = UserExpressions(request, c["user_expressions"] as JsonObject, count),
            ["payload"] = new JsonArray(),
        });
    }

    private CellOutcome RunCell(JupyterMessage request, string code, int count, ICellOutputs outputs, bool allowStdin)
    {
        using var cts = new CancellationTokenSource();
        bool interruptedBeforeStart;
        lock (_cellLock)
        {
            _runningCell = cts;
            _runningRequest = request;
            interruptedBeforeStart = Interlocked.Read(ref _interruptedThrough) >= _currentSequence;
        }
        if (interruptedBeforeStart)
        {
            lock (_cellLock)
            {
                _runningCell = null;
                _runningRequest = null;
            }
            // Interrupted while it waited its turn: never start it (a cell that is still compiling
            // would otherwise start after the interrupt and run on).
            return CellOutcome.Failed("CellInterrupted", "The cell was interrupted before it started.",
                ["CellInterrupted: the cell was interrupted before it started."]);
        }
        _stdin.BeginCell(allowStdin, cts.Token);
        try
        {
            return _executor.Execute(code, count, outputs, cts.Token);
        }
        catch (Exception e)
        {
            // The executor promises not to throw; if it does, the kernel still answers.
            return CellOutcome.Failed(e.GetType().Name, e.Message, [$"{e.GetType().FullName}: {e.Message}"]);
        }
        finally
        {
            _stdin.EndCell();
            lock (_cellLock)
            {
                _runningCell = null;
                _runningRequest = null;
            }
        }
    }

    private JsonObject UserExpressions(JupyterMessage request, JsonObject? expressions, int count)
    {
        var results = new JsonObject();
        if (expressions is null) return results;
        foreach (var (name, node) in expressions)
        {
            var expression = node?.GetValue<string>() ?? "";
            var outcome = RunCell(request, expression, count, new KernelOutputs(_server, request, silent: true), allowStdin: false);
            if (outcome.Error is { } error)
            {
                var content = ErrorContent(error);
                content["status"] = "error";
                results[name] = content;
            }
            else
            {
                results[name] = new JsonObject
                {
                    ["status"] = "ok",
                    ["data"] = outcome.ResultData?.DeepClone() ?? new JsonObject { ["text/plain"] = "" },
                    ["metadata"] = outcome.ResultMetadata.DeepClone(),
                };
            }
        }
        return results;
    }

    private bool SendInputRequest(string prompt, bool password)
    {
        JupyterMessage? parent;
        lock (_cellLock) parent = _runningRequest;
        if (parent is null) return false;
        _server.Send(Channel.Stdin, JupyterMessage.Reply(parent, "input_request",
            new JsonObject { ["prompt"] = prompt, ["password"] = password }, _server.Session));
        return true;
    }

    private JsonObject Complete(string code, int cursorPos)
    {
        var cursor = cursorPos < 0 ? code.Length : CodePoints.ToUtf16Index(code, cursorPos);
        var result = _executor.Complete(code, cursor);
        var start = CodePoints.FromUtf16Index(code, result.ReplaceStart);
        var end = CodePoints.FromUtf16Index(code, result.ReplaceEnd);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Items.Select(i => (JsonNode?)JsonValue.Create(i.Label)).ToArray()),
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray(result.Items.Select(i => (JsonNode?)new JsonObject
                {
                    ["start"] = start, ["end"] = end, ["text"] = i.Label, ["type"] = i.Kind.ToLowerInvariant(), ["signature"] = i.Detail,
                }).ToArray()),
            },
        };
    }

    private JsonObject Inspect(string code, int cursorPos)
    {
        var cursor = cursorPos < 0 ? code.Length : CodePoints.ToUtf16Index(code, cursorPos);
        var found = _executor.Inspect(code, cursor);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = found is not null,
            ["data"] = found is null ? new JsonObject() : new JsonObject { ["text/plain"] = found.PlainText, ["text/markdown"] = found.Markdown },
            ["metadata"] = new JsonObject(),
        };
    }

    private JsonObject History(JsonObject c)
    {
        var rows = Str(c, "hist_access_type") switch
        {
            "range" => _history.Range(Math.Abs(Int(c, "session", 0)), Int(c, "start", 0), Int(c, "stop", 0)),
            "search" => _history.Search(Str(c, "pattern") is { Length: > 0 } p ? p : "*", Int(c, "n", 0), c["unique"]?.GetValue<bool>() ?? false),
            _ => _history.Tail(Int(c, "n", 10)),
        };
        var output = c["output"]?.GetValue<bool>() ?? false;
        return new JsonObject
        {
            ["status"] = "ok",
            ["history"] = new JsonArray(rows.Select(r => (JsonNode?)new JsonArray(r.Session, r.Line,
                output ? new JsonArray(r.Input, null) : JsonValue.Create(r.Input))).ToArray()),
        };
    }

    /// <summary>kernel_info_reply content.</summary>
    public static JsonObject KernelInfo()
    {
        var version = typeof(JupyterKernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";
        var csharp = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();
        return new JsonObject
        {
            ["status"] = "ok",
            ["protocol_version"] = JupyterMessage.ProtocolVersion,
            ["implementation"] = "torchbook",
            ["implementation_version"] = version,
            ["language_info"] = new JsonObject
            {
                ["name"] = "csharp",
                ["version"] = csharp,
                ["mimetype"] = "text/x-csharp",
                ["file_extension"] = ".cs",
                ["pygments_lexer"] = "csharp",
                ["codemirror_mode"] = "text/x-csharp",
            },
            ["banner"] = $"Torchbook C# kernel {version} (C# {csharp}, .NET {Environment.Version})",
            ["help_links"] = new JsonArray(new JsonObject { ["text"] = "C# language reference", ["url"] = "https://learn.microsoft.com/dotnet/csharp/" }),
            ["debugger"] = false,
        };
    }

    private static JsonObject ErrorContent(CellError error) => new()
    {
        ["ename"] = error.Name,
        ["evalue"] = error.Value,
        ["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
    };

    private void Busy(JupyterMessage parent) => Publish(parent, "status", new JsonObject { ["execution_state"] = "busy" });
    private void Idle(JupyterMessage parent) => Publish(parent, "status", new JsonObject { ["execution_state"] = "idle" });

    private void Publish(JupyterMessage? parent, string type, JsonObject content) =>
        _server.Send(Channel.IoPub, JupyterMessage.Reply(parent, type, content, _server.Session));

    private void Reply(JupyterMessage request, string type, JsonObject content) => ReplyOn(Channel.Shell, request, type, content);

    private void ReplyOn(Channel channel, JupyterMessage request, string type, JsonObject content) =>
        _server.Send(channel, JupyterMessage.Reply(request, type, content, _server.Session));

    private static string Str(JsonObject c, string name) => c[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static int Int(JsonObject c, string name, int fallback) => c[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : fallback;

    public void Dispose()
    {
        _shellQueue.CompleteAdding();
        _server.MessageReceived -= OnMessage;
    }
}

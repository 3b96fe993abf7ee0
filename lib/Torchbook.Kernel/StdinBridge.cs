using System.Collections.Concurrent;
using System.Text;

namespace Torchbook.Kernel;

/// <summary>
/// Console.In for cells: each line read asks the front end with an input_request on the stdin
/// channel and waits for its input_reply. When the front end does not allow stdin, reading fails
/// with a message that says so.
/// </summary>
public sealed class StdinBridge : TextReader
{
    private readonly Func<string, bool, bool> _requestInput;
    private readonly BlockingCollection<string> _replies = new();
    private string _pending = "";
    private volatile bool _allowed;
    private CancellationToken _cancellation;

    /// <param name="requestInput">Sends an input_request (prompt, password); false when no request is active.</param>
    public StdinBridge(Func<string, bool, bool> requestInput) => _requestInput = requestInput;

    /// <summary>Set by the kernel around each execute_request.</summary>
    public void BeginCell(bool allowStdin, CancellationToken cancellation)
    {
        _allowed = allowStdin;
        _cancellation = cancellation;
        _pending = "";
        while (_replies.TryTake(out _)) { }
    }

    public void EndCell() => _allowed = false;

    /// <summary>Called with the value of an input_reply.</summary>
    public void Deliver(string value) => _replies.Add(value);

    /// <summary>Asks for one line with a prompt, as input(prompt) would.</summary>
    public string ReadLine(string prompt, bool password = false)
    {
        if (!_allowed || !_requestInput(prompt, password))
            throw new InvalidOperationException("This front end does not accept input (allow_stdin is false): Console.ReadLine cannot ask for a line here. Set the value in the cell instead.");
        try
        {
            return _replies.Take(_cancellation);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException("input was interrupted", _cancellation);
        }
    }

    public override string? ReadLine()
    {
        if (_pending.Length > 0)
        {
            var line = _pending;
            _pending = "";
            return line.TrimEnd('\n');
        }
        return ReadLine("");
    }

    public override int Read()
    {
        if (_pending.Length == 0) _pending = ReadLine("") + "\n";
        var c = _pending[0];
        _pending = _pending[1..];
        return c;
    }

    public override int Peek()
    {
        if (_pending.Length == 0) _pending = ReadLine("") + "\n";
        return _pending[0];
    }

    public override string ReadToEnd()
    {
        var text = new StringBuilder(_pending);
        _pending = "";
        text.Append(ReadLine("")).Append('\n');
        return text.ToString();
    }
}

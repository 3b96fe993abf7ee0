using System.Diagnostics;
using System.Globalization;

namespace Torchbook;

/// <summary>
/// Times repeated runs (epochs, batches, a benchmark loop) and counts the examples they handled:
/// <c>timer.start(); ...; timer.stop(examples: 60000);</c> then <see cref="examples_per_second"/>,
/// <see cref="avg"/>, <see cref="sum"/>. Runs as in d2l's Timer, plus throughput.
/// </summary>
public sealed class Timer
{
    private readonly List<double> _times = new();
    private readonly Stopwatch _watch = new();
    private long _examples;

    /// <summary>A timer, started.</summary>
    public Timer() => start();

    /// <summary>Starts (or restarts) timing a run.</summary>
    public Timer start()
    {
        _watch.Restart();
        return this;
    }

    /// <summary>Ends the run, records its time (returned, in seconds) and the examples it handled.</summary>
    public double stop(long examples = 0)
    {
        if (examples < 0) throw new ArgumentOutOfRangeException(nameof(examples), examples, "Timer.stop: the number of examples cannot be negative.");
        if (!_watch.IsRunning) throw new InvalidOperationException("Timer.stop: the timer is not running; call start() first.");
        _watch.Stop();
        var t = _watch.Elapsed.TotalSeconds;
        _times.Add(t);
        _examples += examples;
        return t;
    }

    /// <summary>The recorded runs, in seconds.</summary>
    public IReadOnlyList<double> times => _times;

    /// <summary>Examples handled over all runs.</summary>
    public long examples => _examples;

    /// <summary>Mean time of a run (seconds).</summary>
    public double avg() => _times.Count == 0 ? double.NaN : _times.Average();

    /// <summary>Total time of all runs (seconds).</summary>
    public double sum() => _times.Sum();

    /// <summary>Running totals: the time at the end of each run.</summary>
    public double[] cumsum()
    {
        var r = new double[_times.Count];
        double s = 0;
        for (int i = 0; i < r.Length; i++) r[i] = s += _times[i];
        return r;
    }

    /// <summary>Examples per second over all runs (NaN before a run with examples).</summary>
    public double examples_per_second => _examples == 0 || sum() <= 0 ? double.NaN : _examples / sum();

    public override string ToString() =>
        _times.Count == 0 ? "Timer (no runs yet)"
        : string.Format(CultureInfo.InvariantCulture, "{0} run(s), {1:0.000} s in all, {2:0.000} s each", _times.Count, sum(), avg())
          + (_examples > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0:N0} examples/s", examples_per_second) : "");
}

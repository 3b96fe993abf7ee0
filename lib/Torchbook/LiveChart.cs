using Torchbook.Formatting;
using Torchbook.Plots;

namespace Torchbook;

/// <summary>
/// A line chart shown once and redrawn in place as points arrive: training and validation
/// curves during <c>fit</c>, or any loop a learner writes. In a notebook the output updates in
/// place (Jupyter's update_display_data); elsewhere nothing is printed until <see cref="Show"/>.
/// Redraws are throttled so that a fast loop does not flood the front end.
/// </summary>
public sealed class LiveChart
{
    private readonly DisplayHandle? _handle;
    private readonly TimeSpan _minInterval;
    private DateTime _lastDraw = DateTime.MinValue;

    /// <summary>The chart being drawn (its series can be read, or saved with SavePng/SaveSvg).</summary>
    public XYChart Chart { get; }

    private LiveChart(XYChart chart, TimeSpan minInterval, bool display)
    {
        Chart = chart;
        _minInterval = minInterval;
        if (display && Formatting.Display.IsHosted) _handle = Formatting.Display.Show(chart);
    }

    /// <summary>Shows an empty chart now (in a notebook) and returns it, ready for <see cref="Append"/>.</summary>
    public static LiveChart Show(string? title = null, string? xTitle = "epoch", string? yTitle = "loss", bool logY = false,
        TimeSpan? minInterval = null) =>
        new(Plot.Live(title, xTitle, yTitle, logY), minInterval ?? TimeSpan.FromMilliseconds(250), display: true);

    /// <summary>Adds a point to a series (created on first use) and redraws if enough time has passed.</summary>
    public LiveChart Append(string series, double x, double y)
    {
        Chart.Append(series, x, y);
        var now = DateTime.UtcNow;
        if (now - _lastDraw >= _minInterval) Redraw(now);
        return this;
    }

    /// <summary>Redraws now, whatever the throttle says (call it when the loop ends).</summary>
    public LiveChart Flush()
    {
        Redraw(DateTime.UtcNow);
        return this;
    }

    private void Redraw(DateTime now)
    {
        _lastDraw = now;
        _handle?.Update(Chart);
    }
}

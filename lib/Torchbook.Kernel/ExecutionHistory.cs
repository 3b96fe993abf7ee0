using System.Text.RegularExpressions;

namespace Torchbook.Kernel;

/// <summary>The inputs this kernel session executed with store_history, for history_request.</summary>
public sealed class ExecutionHistory
{
    /// <summary>Jupyter numbers sessions; this kernel keeps only its own, which it calls 1.</summary>
    public const int SessionNumber = 1;

    private readonly List<(int Line, string Input)> _entries = [];
    private readonly object _lock = new();

    public void Add(int executionCount, string input)
    {
        lock (_lock) _entries.Add((executionCount, input));
    }

    /// <summary>The last <paramref name="n"/> entries.</summary>
    public IReadOnlyList<(int Session, int Line, string Input)> Tail(int n)
    {
        lock (_lock) return _entries.Skip(Math.Max(0, _entries.Count - Math.Max(0, n))).Select(Row).ToList();
    }

    /// <summary>Entries with start &lt;= line &lt; stop (stop 0 or less: to the end) of session 0/1/-0 (this one).</summary>
    public IReadOnlyList<(int Session, int Line, string Input)> Range(int session, int start, int stop)
    {
        if (session is not (0 or SessionNumber)) return [];
        lock (_lock) return _entries.Where(e => e.Line >= start && (stop <= 0 || e.Line < stop)).Select(Row).ToList();
    }

    /// <summary>Entries matching a glob pattern (* and ?), newest last, at most n (0: all), optionally unique inputs.</summary>
    public IReadOnlyList<(int Session, int Line, string Input)> Search(string pattern, int n, bool unique)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline);
        List<(int, int, string)> hits;
        lock (_lock) hits = _entries.Where(e => regex.IsMatch(e.Input)).Select(Row).ToList();
        if (unique)
            hits = hits.GroupBy(h => h.Item3).Select(g => g.Last()).OrderBy(h => h.Item2).ToList();
        return n > 0 ? hits.Skip(Math.Max(0, hits.Count - n)).ToList() : hits;
    }

    private static (int, int, string) Row((int Line, string Input) e) => (SessionNumber, e.Line, e.Input);
}

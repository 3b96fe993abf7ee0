namespace TorchSharp;

/// <summary>
/// Collects the tensors created on this thread while it is the innermost scope, and disposes them
/// when the scope is disposed: <c>using (torch.NewDisposeScope()) { ... }</c>. Results that must
/// outlive the scope leave it with <c>MoveToOuterDisposeScope()</c> or <c>DetachFromDisposeScope()</c>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? _current;

    // Slots, not a hash set: every tensor an op creates inside a scope is added here and usually
    // removed again a moment later by its own Dispose, so both must cost next to nothing. A tensor
    // remembers its slot (ScopeSlot); freed slots become null and are compacted now and then.
    private readonly List<IDisposable?> _slots = new();
    private int _live;
    private bool _disposed;

    internal DisposeScope()
    {
        OuterScope = _current;
        _current = this;
    }

    /// <summary>The scope that was innermost when this one was opened.</summary>
    public DisposeScope? OuterScope { get; }

    /// <summary>How many objects this scope will dispose.</summary>
    public int DisposablesCount => _live;

    /// <summary>The innermost open scope of this thread, if any.</summary>
    public static DisposeScope? Current => _current;

    internal static DisposeScope? RegisterOnCurrent(torch.Tensor tensor)
    {
        var scope = _current;
        scope?.Add(tensor);
        return scope;
    }

    private void Add(IDisposable item)
    {
        if (_slots.Count > 64 && _live < _slots.Count / 2) Compact();
        if (item is torch.Tensor t) t.ScopeSlot = _slots.Count;
        _slots.Add(item);
        _live++;
    }

    private bool Remove(IDisposable item)
    {
        int slot = item is torch.Tensor t ? t.ScopeSlot : _slots.IndexOf(item);
        if (slot < 0 || slot >= _slots.Count || !ReferenceEquals(_slots[slot], item)) return false;
        _slots[slot] = null;
        _live--;
        return true;
    }

    private void Compact()
    {
        int w = 0;
        for (int r = 0; r < _slots.Count; r++)
        {
            var item = _slots[r];
            if (item is null) continue;
            if (item is torch.Tensor t) t.ScopeSlot = w;
            _slots[w++] = item;
        }
        _slots.RemoveRange(w, _slots.Count - w);
    }

    /// <summary>Adds an object to this scope, taking it from any scope it was in.</summary>
    public T Include<T>(T disposable) where T : IDisposable
    {
        if (disposable is torch.Tensor t)
        {
            t.OwningDisposeScope?.Remove(t);
            t.OwningDisposeScope = this;
        }
        Add(disposable);
        return disposable;
    }

    /// <summary>Moves the tensors to the enclosing scope (or out of scopes when there is none).</summary>
    public void MoveToOuter(params torch.Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (!Remove(t)) continue;
            t.OwningDisposeScope = OuterScope;
            OuterScope?.Add(t);
        }
    }

    /// <summary>Takes the tensors out of the dispose-scope system altogether.</summary>
    public void Detach(params torch.Tensor[] tensors)
    {
        foreach (var t in tensors)
            if (Remove(t)) t.OwningDisposeScope = null;
    }

    internal void MarkAsDisposed(IDisposable disposable) => Remove(disposable);

    /// <summary>Disposes everything collected so far, keeping the scope open.</summary>
    public void DisposeEverything()
    {
        var items = _slots.ToArray();
        _slots.Clear();
        _live = 0;
        foreach (var d in items)
        {
            if (d is null) continue;
            if (d is torch.Tensor t) t.OwningDisposeScope = null;
            d.Dispose();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        DisposeEverything();
        // Scopes normally close innermost first; if one is closed out of order, unwind past it.
        if (ReferenceEquals(_current, this)) _current = OuterScope;
    }
}

public static partial class torch
{
    /// <summary>Opens a dispose scope on this thread. See <see cref="DisposeScope"/>.</summary>
    public static DisposeScope NewDisposeScope() => new();
}

namespace TorchSharp;

/// <summary>
/// Collects the tensors created on this thread while it is the innermost scope, and disposes them
/// when the scope is disposed: <c>using (torch.NewDisposeScope()) { ... }</c>. Results that must
/// outlive the scope leave it with <c>MoveToOuterDisposeScope()</c> or <c>DetachFromDisposeScope()</c>.
/// A scope that is never disposed (its thread ended with it open) gives its tensors finalizer
/// guards when it is finalized, so they are released once nothing else refers to them.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? _current;
    // Whether _current is set. The JIT reads a thread-static bool inline but a thread-static
    // reference through a runtime helper; making a tensor outside every scope needs only this.
    [ThreadStatic] private static bool _hasCurrent;

    private static void SetCurrent(DisposeScope? scope)
    {
        _current = scope;
        _hasCurrent = scope is not null;
    }

    // Slots, not a hash set: every tensor an op creates inside a scope is added here and usually
    // removed again a moment later by its own Dispose, so both must cost next to nothing. A tensor
    // remembers its slot (ScopeSlot); freed slots become null and are compacted when the array is
    // full. Slots are structs so that storing needs no array covariance check.
    private struct Slot { public IDisposable? Item; }
    private Slot[] _slots = new Slot[16];
    private int _count; // slots in use, live or freed
    private int _live;
    private bool _disposed;

    internal DisposeScope()
    {
        OuterScope = _current;
        SetCurrent(this);
    }

    /// <summary>The scope that was innermost when this one was opened.</summary>
    public DisposeScope? OuterScope { get; }

    /// <summary>How many objects this scope will dispose.</summary>
    public int DisposablesCount => _live;

    /// <summary>The innermost open scope of this thread, if any.</summary>
    public static DisposeScope? Current => _current;

    /// <summary>Registers a new tensor with this thread's innermost scope; false when there is none.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool RegisterOnCurrent(torch.Tensor tensor)
    {
        if (!_hasCurrent) return false;
        var scope = _current!;
        scope.AddTensor(tensor);
        tensor.OwningDisposeScope = scope;
        return true;
    }

    private void AddTensor(torch.Tensor t)
    {
        if (_count == _slots.Length) MakeRoom();
        t.ScopeSlot = _count;
        _slots[_count++].Item = t;
        _live++;
    }

    private void Add(IDisposable item)
    {
        if (item is torch.Tensor t) { AddTensor(t); return; }
        if (_count == _slots.Length) MakeRoom();
        _slots[_count++].Item = item;
        _live++;
    }

    private bool Remove(IDisposable item)
    {
        int slot = item is torch.Tensor t ? t.ScopeSlot : IndexOf(item);
        if ((uint)slot >= (uint)_count || !ReferenceEquals(_slots[slot].Item, item)) return false;
        _slots[slot].Item = null;
        _live--;
        return true;
    }

    private int IndexOf(IDisposable item)
    {
        for (int i = 0; i < _count; i++)
            if (ReferenceEquals(_slots[i].Item, item)) return i;
        return -1;
    }

    // Full: compact when at least half of the slots are free, otherwise grow.
    private void MakeRoom()
    {
        if (_live <= _count / 2)
        {
            int w = 0;
            for (int r = 0; r < _count; r++)
            {
                var item = _slots[r].Item;
                if (item is null) continue;
                if (item is torch.Tensor t) t.ScopeSlot = w;
                _slots[w++].Item = item;
            }
            Array.Clear(_slots, w, _count - w);
            _count = w;
        }
        if (_count == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
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

    /// <summary>The nearest enclosing scope that is still open (scopes may be disposed out of order).</summary>
    private DisposeScope? OpenOuter
    {
        get
        {
            var s = OuterScope;
            while (s is not null && s._disposed) s = s.OuterScope;
            return s;
        }
    }

    /// <summary>Moves the tensors to the enclosing scope (or out of scopes when there is none).</summary>
    public void MoveToOuter(params torch.Tensor[] tensors)
    {
        var outer = OpenOuter;
        foreach (var t in tensors)
        {
            if (!Remove(t)) continue;
            t.OwningDisposeScope = outer;
            if (outer is not null) outer.AddTensor(t);
            else RecentTensors.Add(t);
        }
    }

    /// <summary>Takes the tensors out of the dispose-scope system altogether.</summary>
    public void Detach(params torch.Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (!Remove(t)) continue;
            t.OwningDisposeScope = null;
            RecentTensors.Add(t);
        }
    }

    internal void MarkAsDisposed(IDisposable disposable) => Remove(disposable);

    /// <summary>Disposes everything collected so far, keeping the scope open.</summary>
    public void DisposeEverything()
    {
        var items = _slots.AsSpan(0, _count).ToArray();
        Array.Clear(_slots, 0, _count);
        _count = 0;
        _live = 0;
        foreach (var slot in items)
        {
            var d = slot.Item;
            if (d is null) continue;
            if (d is torch.Tensor t) t.OwningDisposeScope = null;
            d.Dispose();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        GC.SuppressFinalize(this);
        DisposeEverything();
        // Scopes normally close innermost first; if one is closed out of order, unwind past it
        // (and past enclosing ones already closed: they must not collect tensors any more).
        if (ReferenceEquals(_current, this)) SetCurrent(OpenOuter);
    }

    // Never disposed, and unreachable: its thread ended with the scope open. Its tensors may still
    // be in use elsewhere, so they are not disposed here; they get finalizer guards instead.
    ~DisposeScope()
    {
        for (int i = 0; i < _count; i++)
        {
            if (_slots[i].Item is not torch.Tensor t) continue;
            t.OwningDisposeScope = null;
            t.AttachFinalizerGuard();
        }
    }
}

public static partial class torch
{
    /// <summary>Opens a dispose scope on this thread. See <see cref="DisposeScope"/>.</summary>
    public static DisposeScope NewDisposeScope() => new();
}

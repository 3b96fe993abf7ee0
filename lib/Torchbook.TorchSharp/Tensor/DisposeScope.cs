namespace TorchSharp;

/// <summary>
/// Collects the tensors created on this thread while it is the innermost scope, and disposes them
/// when the scope is disposed: <c>using (torch.NewDisposeScope()) { ... }</c>. Results that must
/// outlive the scope leave it with <c>MoveToOuterDisposeScope()</c> or <c>DetachFromDisposeScope()</c>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? _current;

    private readonly HashSet<IDisposable> _disposables = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    internal DisposeScope()
    {
        OuterScope = _current;
        _current = this;
    }

    /// <summary>The scope that was innermost when this one was opened.</summary>
    public DisposeScope? OuterScope { get; }

    /// <summary>How many objects this scope will dispose.</summary>
    public int DisposablesCount => _disposables.Count;

    /// <summary>The innermost open scope of this thread, if any.</summary>
    public static DisposeScope? Current => _current;

    internal static DisposeScope? RegisterOnCurrent(IDisposable disposable)
    {
        var scope = _current;
        scope?._disposables.Add(disposable);
        return scope;
    }

    /// <summary>Adds objects to this scope, taking them from any scope they were in.</summary>
    public T Include<T>(T disposable) where T : IDisposable
    {
        if (disposable is torch.Tensor t)
        {
            t.OwningDisposeScope?._disposables.Remove(t);
            t.OwningDisposeScope = this;
        }
        _disposables.Add(disposable);
        return disposable;
    }

    /// <summary>Moves the tensors to the enclosing scope (or out of scopes when there is none).</summary>
    public void MoveToOuter(params torch.Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (!_disposables.Remove(t)) continue;
            t.OwningDisposeScope = OuterScope;
            OuterScope?._disposables.Add(t);
        }
    }

    /// <summary>Takes the tensors out of the dispose-scope system altogether.</summary>
    public void Detach(params torch.Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (_disposables.Remove(t)) t.OwningDisposeScope = null;
        }
    }

    internal void MarkAsDisposed(IDisposable disposable) => _disposables.Remove(disposable);

    /// <summary>Disposes everything collected so far, keeping the scope open.</summary>
    public void DisposeEverything()
    {
        var items = _disposables.ToArray();
        _disposables.Clear();
        foreach (var d in items)
        {
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

namespace TorchSharp;

/// <summary>
/// One item of a tensor index, as in Python's <c>t[0, 1:3, ..., None, mask]</c>. Integers,
/// C# ranges (<c>..</c>, <c>1..3</c>, <c>^1</c>), booleans and tensors convert implicitly, so
/// <c>t[.., 0]</c> reads the first column. With <c>using static TorchSharp.TensorIndex;</c> the
/// helpers read as in PyTorch: <c>t[Ellipsis, None, Slice(1, null, 2)]</c>.
/// </summary>
public sealed class TensorIndex
{
    internal enum Kind { Single = 0, Slice = 1, Ellipsis = 2, None = 3, Bool = 4, Tensor = 5 }

    internal Kind kind { get; }
    internal long? startIndexOrBoolOrSingle { get; }
    internal long? stopIndex { get; }
    internal long? step { get; }
    internal torch.Tensor? tensor { get; }

    private TensorIndex(Kind kind, long? start = null, long? stop = null, long? step = null, torch.Tensor? tensor = null)
    {
        this.kind = kind;
        startIndexOrBoolOrSingle = start;
        stopIndex = stop;
        this.step = step;
        this.tensor = tensor;
    }

    public static TensorIndex Single(long index) => new(Kind.Single, index);

    public static TensorIndex Slice(long? start = null, long? stop = null, long? step = null)
    {
        if (step is <= 0) throw new ArgumentException($"slice step must be positive, got {step}", nameof(step));
        return new(Kind.Slice, start, stop, step);
    }

    public static TensorIndex Bool(bool value) => new(Kind.Bool, value ? 1 : 0);
    public static TensorIndex Tensor(torch.Tensor value) => new(Kind.Tensor, tensor: value);

    /// <summary>All dimensions not otherwise indexed (Python's <c>...</c>).</summary>
    public static readonly TensorIndex Ellipsis = new(Kind.Ellipsis);

    /// <summary>A new dimension of size 1 (Python's <c>None</c>).</summary>
    public static readonly TensorIndex None = new(Kind.None);

    /// <summary>A whole dimension (Python's <c>:</c>).</summary>
    public static readonly TensorIndex Colon = Slice();

    public static implicit operator TensorIndex(long index) => Single(index);
    public static implicit operator TensorIndex(int index) => Single(index);
    public static implicit operator TensorIndex(bool value) => Bool(value);
    public static implicit operator TensorIndex(torch.Tensor tensor) => Tensor(tensor);
    public static implicit operator TensorIndex(Index index) => Single(index.IsFromEnd ? -index.Value : index.Value);

    public static implicit operator TensorIndex(Range range)
    {
        long? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? null : -range.Start.Value) : (range.Start.Value == 0 ? null : range.Start.Value);
        long? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return Slice(start, stop);
    }

    public override string ToString() => kind switch
    {
        Kind.Single => startIndexOrBoolOrSingle!.Value.ToString(),
        Kind.Slice => $"{startIndexOrBoolOrSingle}:{stopIndex}" + (step is null ? "" : $":{step}"),
        Kind.Ellipsis => "...",
        Kind.None => "None",
        Kind.Bool => startIndexOrBoolOrSingle != 0 ? "True" : "False",
        _ => "tensor",
    };
}

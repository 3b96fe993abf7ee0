namespace Torchbook;

/// <summary>
/// PyTorch's print options for <see cref="TensorPrinting.repr"/>, under PyTorch's names:
/// <c>printing.set_printoptions(precision: 2)</c> in a notebook does what
/// <c>torch.set_printoptions(precision=2)</c> does in Python.
/// </summary>
/// <remarks>
/// TorchSharp has a <c>torch.set_printoptions</c> of its own, for its own text styles
/// (<c>ToString(TensorStringStyle)</c>, <c>str()</c>, <c>print()</c>); it does not change what
/// <c>repr()</c> prints, and this one does not change TorchSharp's. Call this one qualified,
/// <c>printing.set_printoptions(...)</c>, so that a notebook with <c>using static TorchSharp.torch;</c>
/// names it without ambiguity. The options are process-wide, as in PyTorch.
/// </remarks>
public static class printing
{
    private static PrintOptions current = PrintOptions.Default;

    /// <summary>The options <c>repr()</c> uses now; assign <see cref="PrintOptions.Default"/> to restore PyTorch's defaults.</summary>
    public static PrintOptions options
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value ?? throw new ArgumentNullException(nameof(value),
            "printing.options cannot be null; assign PrintOptions.Default to restore the defaults."));
    }

    /// <summary>
    /// Sets the options for printing tensors, as <c>torch.set_printoptions</c> in PyTorch does:
    /// a given <paramref name="profile"/> first resets precision, threshold, edgeitems and linewidth,
    /// then every other argument given overrides its option; arguments left out keep their current
    /// value, except <paramref name="sci_mode"/>, which is always set (left out, it goes back to
    /// automatic), exactly as in PyTorch.
    /// </summary>
    /// <param name="precision">Digits after the decimal point for floating point elements (default 4).</param>
    /// <param name="threshold">Element count above which tensors are summarised (default 1000).</param>
    /// <param name="edgeitems">Items shown at each end of a summarised dimension (default 3).</param>
    /// <param name="linewidth">Characters per line for the purpose of inserting line breaks (default 80).</param>
    /// <param name="profile">Named defaults: "default", "short" or "full".</param>
    /// <param name="sci_mode">true: scientific notation; false: never; null: chosen automatically.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the current options are left unchanged.</exception>
    public static void set_printoptions(
        int? precision = null,
        double? threshold = null,
        int? edgeitems = null,
        int? linewidth = null,
        string? profile = null,
        bool? sci_mode = null)
    {
        var o = profile is { } named ? PrintOptions.ForProfile(named) : options;
        if (precision is { } p) o = o with { Precision = p };
        if (threshold is { } t) o = o with { Threshold = t };
        if (edgeitems is { } e) o = o with { EdgeItems = e };
        if (linewidth is { } w) o = o with { LineWidth = w };
        options = o with { SciMode = sci_mode };
    }
}

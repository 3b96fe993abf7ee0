namespace TorchSharp;

public static partial class torch
{
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
    /// <param name="profile">Named defaults: <c>@default</c>, <c>@short</c> or <c>full</c>.</param>
    /// <param name="sci_mode">true: scientific notation; false: never; null: chosen automatically.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range; the current options are left unchanged.</exception>
    public static void set_printoptions(
        int? precision = null,
        double? threshold = null,
        int? edgeitems = null,
        int? linewidth = null,
        PrintOptionsProfile? profile = null,
        bool? sci_mode = null)
    {
        var options = profile is { } named ? PrintOptions.ForProfile(named) : PrintOptions.Current;
        if (precision is { } p) options = options with { Precision = p };
        if (threshold is { } t) options = options with { Threshold = t };
        if (edgeitems is { } e) options = options with { EdgeItems = e };
        if (linewidth is { } w) options = options with { LineWidth = w };
        PrintOptions.Current = options with { SciMode = sci_mode };
    }
}

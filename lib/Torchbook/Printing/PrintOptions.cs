namespace Torchbook;

/// <summary>
/// How tensors are turned into text by <see cref="TensorPrinting.repr"/>: PyTorch's print options
/// (<c>torch._tensor_str.PRINT_OPTS</c>). Immutable; change the current ones with
/// <see cref="printing.set_printoptions"/>, or make a variant with a <c>with</c> expression.
/// Every property checks its value when set, so an instance is always usable.
/// </summary>
public sealed record PrintOptions
{
    /// <summary>The largest precision accepted (digits after the decimal point).</summary>
    public const int MaxPrecision = 1000;

    private readonly int precision = 4;
    private readonly double threshold = 1000;
    private readonly int edgeItems = 3;
    private readonly int lineWidth = 80;

    /// <summary>PyTorch's defaults (profile "default"): precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode automatic.</summary>
    public static PrintOptions Default { get; } = new();

    /// <summary>Profile "short": precision 2, threshold 1000, edgeitems 2, linewidth 80.</summary>
    public static PrintOptions Short { get; } = new() { Precision = 2, EdgeItems = 2 };

    /// <summary>Profile "full": precision 4, never summarise, edgeitems 3, linewidth 80.</summary>
    public static PrintOptions Full { get; } = new() { Threshold = double.PositiveInfinity };

    /// <summary>The options of a profile by PyTorch's name: "default", "short" or "full" (sci_mode automatic).</summary>
    public static PrintOptions ForProfile(string profile) => profile switch
    {
        "default" => Default,
        "short" => Short,
        "full" => Full,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile,
            "Unknown print options profile; use \"default\", \"short\" or \"full\"."),
    };

    /// <summary>Number of digits after the decimal point for floating point elements (default 4).</summary>
    public int Precision
    {
        get => precision;
        init
        {
            if (value < 0 || value > MaxPrecision)
                throw new ArgumentOutOfRangeException(nameof(Precision), value,
                    $"precision must be between 0 and {MaxPrecision} digits (PyTorch's default is 4).");
            precision = value;
        }
    }

    /// <summary>
    /// A tensor with more elements than this is summarised: only <see cref="EdgeItems"/> items at
    /// each end of every dimension are shown, with "..." between (default 1000;
    /// <see cref="double.PositiveInfinity"/> never summarises, 0 always does).
    /// </summary>
    public double Threshold
    {
        get => threshold;
        init
        {
            if (double.IsNaN(value) || value < 0)
                throw new ArgumentOutOfRangeException(nameof(Threshold), value,
                    "threshold must be a number >= 0 (use double.PositiveInfinity to never summarise).");
            threshold = value;
        }
    }

    /// <summary>Items shown at the beginning and at the end of each summarised dimension (default 3).</summary>
    public int EdgeItems
    {
        get => edgeItems;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(EdgeItems), value,
                    "edgeitems must be at least 1 (PyTorch's default is 3).");
            edgeItems = value;
        }
    }

    /// <summary>Characters per line before elements and suffixes wrap (default 80).</summary>
    public int LineWidth
    {
        get => lineWidth;
        init
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(LineWidth), value,
                    "linewidth must be at least 1 character (PyTorch's default is 80).");
            lineWidth = value;
        }
    }

    /// <summary>
    /// true: always scientific notation for floating point elements; false: never;
    /// null (default): chosen per tensor from its values, as PyTorch does.
    /// </summary>
    public bool? SciMode { get; init; }
}

namespace Torchbook.Plots;

/// <summary>
/// The default series colours: the Okabe–Ito palette, designed to stay distinguishable for people
/// with the common forms of colour blindness. Series take colours in this order, then wrap around.
/// </summary>
public static class Palette
{
    /// <summary>The colours in the order series use them (CSS hex strings).</summary>
    public static IReadOnlyList<string> Colors { get; } =
    [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#000000", // black
        "#F0E442", // yellow (last: faint on white)
    ];

    /// <summary>The colour for the series at <paramref name="index"/> (wraps around).</summary>
    public static string Color(int index) => Colors[((index % Colors.Count) + Colors.Count) % Colors.Count];

    /// <summary>The colour used for highlighted points (e.g. a suggested learning rate).</summary>
    public const string Highlight = "#D62728";
}

using System.Globalization;

namespace Torchbook.Plots;

/// <summary>Colour scales for heatmaps (low values first).</summary>
public enum ColorMap
{
    /// <summary>Dark purple to yellow; perceptually uniform and colour-blind friendly (matplotlib's default).</summary>
    Viridis,
    /// <summary>Black through purple and orange to pale yellow; good for spectrograms.</summary>
    Magma,
    /// <summary>White to dark blue; good for confusion matrices and counts.</summary>
    Blues,
    /// <summary>Black to white.</summary>
    Gray,
}

/// <summary>Looks colours up on a <see cref="ColorMap"/> by interpolating between anchor colours.</summary>
internal static class ColorMaps
{
    private static readonly Dictionary<ColorMap, (byte R, byte G, byte B)[]> Anchors = new()
    {
        [ColorMap.Viridis] = Parse("#440154 #482878 #3E4A89 #31688E #26828E #1F9E89 #35B779 #6DCD59 #B4DE2C #FDE725"),
        [ColorMap.Magma] = Parse("#000004 #180F3D #440F76 #721F81 #9E2F7F #CD4071 #F1605D #FD9668 #FEC98D #FCFDBF"),
        [ColorMap.Blues] = Parse("#F7FBFF #DEEBF7 #C6DBEF #9ECAE1 #6BAED6 #4292C6 #2171B5 #08519C #08306B"),
        [ColorMap.Gray] = Parse("#000000 #FFFFFF"),
    };

    private static (byte, byte, byte)[] Parse(string list) =>
        list.Split(' ').Select(h => (Hex(h, 1), Hex(h, 3), Hex(h, 5))).ToArray();

    private static byte Hex(string h, int at) => byte.Parse(h.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The colour at position <paramref name="t"/> in [0, 1] (clamped; NaN gives light grey).</summary>
    public static (byte R, byte G, byte B) Rgb(ColorMap map, double t)
    {
        if (double.IsNaN(t)) return (0xDD, 0xDD, 0xDD);
        var a = Anchors[map];
        t = Math.Clamp(t, 0, 1) * (a.Length - 1);
        int i = Math.Min((int)t, a.Length - 2);
        var f = t - i;
        byte Mix(byte x, byte y) => (byte)Math.Round(x + (y - x) * f);
        return (Mix(a[i].R, a[i + 1].R), Mix(a[i].G, a[i + 1].G), Mix(a[i].B, a[i + 1].B));
    }

    public static string Hex(ColorMap map, double t)
    {
        var (r, g, b) = Rgb(map, t);
        return $"#{r:X2}{g:X2}{b:X2}";
    }

    /// <summary>Relative luminance in [0, 1]; text on colours below ~0.45 should be white.</summary>
    public static double Luminance((byte R, byte G, byte B) c)
    {
        static double Lin(byte v) { var s = v / 255.0; return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4); }
        return 0.2126 * Lin(c.R) + 0.7152 * Lin(c.G) + 0.0722 * Lin(c.B);
    }

    /// <summary>Plotly's colorscale form: [[0, "#440154"], ..., [1, "#FDE725"]].</summary>
    public static System.Text.Json.Nodes.JsonArray PlotlyScale(ColorMap map)
    {
        var a = Anchors[map];
        var scale = new System.Text.Json.Nodes.JsonArray();
        for (int i = 0; i < a.Length; i++)
            scale.Add(new System.Text.Json.Nodes.JsonArray(Math.Round(i / (double)(a.Length - 1), 4), $"#{a[i].R:X2}{a[i].G:X2}{a[i].B:X2}"));
        return scale;
    }
}

namespace Torchbook.Plots.Rendering;

/// <summary>
/// Estimates how wide a string renders in DejaVu Sans / Verdana (the charts' fonts, both wide),
/// so that layouts leave room for labels without measuring real glyphs. Errs on the wide side.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double fontSize)
    {
        double em = 0;
        foreach (var c in text)
        {
            em += c switch
            {
                ' ' => 0.32,
                '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'j' or 'l' or 'I' => 0.32,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' => 0.42,
                'm' or 'w' or 'M' or 'W' => 0.9,
                >= '0' and <= '9' => 0.64,
                >= 'A' and <= 'Z' => 0.70,
                >= 'a' and <= 'z' => 0.60,
                '\u207b' or (>= '\u2070' and <= '\u2079') or '\u00b9' or '\u00b2' or '\u00b3' => 0.40, // superscripts
                _ => 0.66,
            };
        }
        return em * fontSize;
    }

    /// <summary>Shortens text to fit a width, ending with an ellipsis when cut.</summary>
    public static string Fit(string text, double fontSize, double maxWidth)
    {
        if (Width(text, fontSize) <= maxWidth) return text;
        for (int n = text.Length - 1; n > 0; n--)
        {
            var t = text[..n].TrimEnd() + "\u2026";
            if (Width(t, fontSize) <= maxWidth) return t;
        }
        return "\u2026";
    }
}

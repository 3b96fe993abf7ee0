namespace Torchbook.Kernel.Install;

/// <summary>
/// The kernel's logo, drawn in code: a flame-orange disc (a torch) carrying a white "#".
/// Edges are anti-aliased by 4x4 supersampling.
/// </summary>
public static class KernelLogo
{
    public static byte[] Png(int size) => PngWriter.Encode(size, size, Render(size));

    private static byte[] Render(int size)
    {
        var rgba = new byte[size * size * 4];
        const int samples = 4;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            int disc = 0, glyph = 0;
            for (var sy = 0; sy < samples; sy++)
            for (var sx = 0; sx < samples; sx++)
            {
                // Unit coordinates in [-1, 1].
                var u = ((x + (sx + 0.5) / samples) / size) * 2 - 1;
                var v = ((y + (sy + 0.5) / samples) / size) * 2 - 1;
                if (u * u + v * v <= 0.94 * 0.94)
                {
                    disc++;
                    if (InHash(u, v)) glyph++;
                }
            }
            var total = samples * samples;
            var i = (y * size + x) * 4;
            // Orange (238, 76, 44) blended towards white by glyph coverage.
            var g = glyph / (double)Math.Max(1, disc);
            rgba[i] = (byte)(238 + (255 - 238) * g);
            rgba[i + 1] = (byte)(76 + (255 - 76) * g);
            rgba[i + 2] = (byte)(44 + (255 - 44) * g);
            rgba[i + 3] = (byte)(255 * disc / total);
        }
        return rgba;
    }

    /// <summary>A slanted "#": two near-vertical and two horizontal bars.</summary>
    private static bool InHash(double u, double v)
    {
        const double half = 0.075, extent = 0.5;
        if (Math.Abs(v) > extent + half || Math.Abs(u) > extent + 0.1) return false;
        var slanted = u + 0.18 * v;
        var vertical = Math.Abs(v) <= extent && (Math.Abs(slanted - 0.2) <= half || Math.Abs(slanted + 0.2) <= half);
        var horizontal = Math.Abs(u) <= extent && (Math.Abs(v - 0.2) <= half || Math.Abs(v + 0.2) <= half);
        return vertical || horizontal;
    }
}

using Torchbook.Plots.Png;
using Xunit;

namespace Torchbook.Plots.Tests;

public class PngEncoderTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 6)]
    public void Round_trip_every_colour_type(int channels, int colorType)
    {
        // Gradients and noise, so that every row filter gets chosen somewhere.
        int w = 37, h = 23;
        var rng = new Random(channels);
        var pixels = new byte[w * h * channels];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (i / (w * channels)) % 3 == 0 ? (byte)rng.Next(256) : (byte)(i * 7 + i / w);
        var png = PngEncoder.Encode(pixels, w, h, channels);
        var d = PngReader.Decode(png);
        Assert.Equal((w, h, 8, colorType), (d.Width, d.Height, d.BitDepth, d.ColorType));
        Assert.Equal(pixels, d.Pixels);
        Assert.Equal(["IHDR", "IDAT", "IEND"], d.Chunks);
    }

    [Fact]
    public void Wrong_sizes_are_explained()
    {
        var e = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 2, 2, 3));
        Assert.Contains("2 x height 2 x 3 channel(s) = 12 bytes, received 10", e.Message);
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[4], 2, 2, 5));
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[0], 0, 2, 1));
    }
}

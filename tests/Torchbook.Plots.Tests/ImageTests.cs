using Xunit;

namespace Torchbook.Plots.Tests;

public class ImageTests
{
    [Fact]
    public void Chw_and_hwc_give_the_same_pixels()
    {
        // 2x2 RGB: pixel (y, x) has R = y, G = x, B = 1 (as fractions of 255 after scaling).
        float V(int v) => v / 255f;
        var chw = new float[12]; var hwc = new float[12];
        for (int y = 0; y < 2; y++)
            for (int x = 0; x < 2; x++)
            {
                int[] rgb = [y * 100, x * 100, 255];
                for (int c = 0; c < 3; c++) { chw[(c * 2 + y) * 2 + x] = V(rgb[c]); hwc[(y * 2 + x) * 3 + c] = V(rgb[c]); }
            }
        var a = Image.FromPixels(chw, [3, 2, 2]);
        var b = Image.FromPixels(hwc, [2, 2, 3], ImageLayout.HWC);
        Assert.Equal(a.Pixels.ToArray(), b.Pixels.ToArray());
        Assert.Equal(100, a[1, 0, 0]);
        Assert.Equal(100, a[0, 1, 1]);
        Assert.Equal(255, a[1, 1, 2]);
        Assert.Equal("Image 2x2 RGB", a.Describe());
    }

    [Fact]
    public void Unnormalising_applies_std_and_mean_then_clamps()
    {
        var img = Image.FromPixels(new[] { 0f, 1f, -10f, 10f }, [1, 2, 2], mean: [0.5f], std: [0.25f]);
        Assert.Equal([128, 191, 0, 255], img.Pixels.ToArray());
    }

    [Fact]
    public void Bytes_in_chw_are_interleaved()
    {
        var img = Image.FromPixels(new byte[] { 1, 2, 10, 20, 100, 200 }, [3, 1, 2]);
        Assert.Equal([1, 10, 100, 2, 20, 200], img.Pixels.ToArray());
    }

    [Fact]
    public void Bad_shapes_name_the_layout_and_the_lengths()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Image.FromPixels(new float[3000], [3, 32, 32]));
        Assert.Contains("CHW", e1.Message);
        Assert.Contains("3 x 32 x 32 = 3072 values, but received 3000", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Image.FromPixels(new float[3072], [32, 32, 3]));
        Assert.Contains("has 32 channels; expected 1 (grayscale) or 3 (RGB)", e2.Message);
        Assert.Contains("ImageLayout.HWC", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Image.FromPixels(new float[4], [2, 2], mean: [0.5f]));
        Assert.Contains("both mean and std", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => Image.FromPixels(new float[] { 0, 255 }, [1, 2]));
        Assert.Contains("Divide by 255", e4.Message);
        var e5 = Assert.Throws<ArgumentException>(() => Image.FromPixels(new float[12], [3, 2, 2], mean: [0.1f, 0.2f], std: [1, 1]));
        Assert.Contains("mean has 2 values but the image has 3 channel(s)", e5.Message);
    }

    [Fact]
    public void Image_chart_embeds_pixelated_png_of_the_right_size()
    {
        var digit = Image.FromPixels(new float[28 * 28], [1, 28, 28]);
        var svg = Svg.Parse(Plot.Image(digit, title: "seven"));
        var image = svg.Single("image");
        Assert.Equal(224, image.Num("width"));
        Assert.Equal(224, image.Num("height"));
        Assert.Contains("pixelated", (string)image.Attribute("style")!);
        var href = (string)image.Attribute("href")!;
        Assert.StartsWith("data:image/png;base64,", href);
        var png = PngReader.Decode(Convert.FromBase64String(href["data:image/png;base64,".Length..]));
        Assert.Equal(224, png.Width); // enlarged 8x with square pixels
        Assert.Equal("seven", svg.Single("chart-title").Value);
    }

    [Fact]
    public void Image_grid_has_rows_columns_and_titles()
    {
        var images = Enumerable.Range(0, 9).Select(i => Image.FromPixels(Enumerable.Repeat(i / 9f, 3 * 8 * 8).ToArray(), [3, 8, 8])).ToList();
        var titles = Enumerable.Range(0, 9).Select(i => Gallery.FashionClasses[i]).ToList();
        var grid = Plot.ImageGrid(images, titles, columns: 3, title: "Samples");
        Assert.Equal(3, grid.Rows);
        var svg = Svg.Parse(grid);
        Assert.Equal(9, svg.WithClass("image").Count());
        Assert.Equal(titles, svg.WithClass("image-title").Select(t => t.Value));
        var xs = svg.WithClass("image").Select(i => i.Num("x")).Distinct().Count();
        Assert.Equal(3, xs);
        Assert.Equal("Image grid \"Samples\": 9 images in 3 x 3, 8x8 RGB", grid.ToString());
        Assert.Contains("9 images need 9 titles; received 2", Assert.Throws<ArgumentException>(() => Plot.ImageGrid(images, ["a", "b"])).Message);
        Assert.Throws<ArgumentException>(() => Plot.ImageGrid([]));
    }

    [Fact]
    public void Image_png_round_trips_through_an_independent_reader()
    {
        var rng = new Random(5);
        var bytes = new byte[3 * 5 * 7];
        rng.NextBytes(bytes);
        var img = Image.FromPixels(bytes, [5, 7, 3], ImageLayout.HWC);
        var png = PngReader.Decode(img.ToPng());
        Assert.Equal((7, 5, 2), (png.Width, png.Height, png.ColorType));
        Assert.Equal(bytes, png.Pixels);
        var big = PngReader.Decode(img.ToPng(3));
        Assert.Equal(21, big.Width);
        Assert.Equal(img[4, 6, 2], big.Pixels[(14 * 21 + 20) * 3 + 2]);
    }
}

using Torchbook.Plots;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Pictures of tensors: images and image grids (CHW, or HW for grayscale), heatmaps of matrices,
/// line charts of sequences, and audio players for waveforms. Each returns an object that a
/// notebook shows inline and that can be saved with SavePng/SaveSvg/SaveWav.
/// </summary>
public static class TensorPictures
{
    /// <summary>An image from a CHW (or HW) tensor: floats in [0, 1], or uint8. Give mean/std to undo a Normalize.</summary>
    public static Image ToImage(this Tensor image, float[]? mean = null, float[]? std = null)
    {
        using var scope = NewDisposeScope();
        var t = image.detach().cpu();
        if (t.dim() == 2) t = t.unsqueeze(0);
        if (t.dim() != 3)
            throw new ArgumentException($"ToImage expects a CHW or HW tensor, got shape [{string.Join(", ", image.shape)}]; for a batch use ToImageGrid.");
        return t.dtype == ScalarType.Byte
            ? Image.FromPixels(t.contiguous().Values<byte>(), t.shape, ImageLayout.CHW)
            : Image.FromPixels(t.Values<float>(), t.shape, ImageLayout.CHW, mean, std);
    }

    /// <summary>An image chart (with an optional title) from a CHW or HW tensor.</summary>
    public static ImageChart ToImageChart(this Tensor image, string? title = null, float[]? mean = null, float[]? std = null, int size = 0) =>
        Plot.Image(image.ToImage(mean, std), title, size);

    /// <summary>A grid of the images in an NCHW (or NHW) batch, with an optional title per image.</summary>
    /// <param name="cellSize">Largest side of each image on screen in pixels; 0 chooses.</param>
    public static ImageChart ToImageGrid(this Tensor batch, IEnumerable<string?>? titles = null, int columns = 0,
        float[]? mean = null, float[]? std = null, string? title = null, int cellSize = 0)
    {
        if (batch.dim() is not (3 or 4))
            throw new ArgumentException($"ToImageGrid expects an NCHW or NHW batch, got shape [{string.Join(", ", batch.shape)}].");
        var images = new List<Image>();
        for (long i = 0; i < batch.shape[0]; i++)
        {
            using var item = batch[i];
            images.Add(item.ToImage(mean, std));
        }
        return Plot.ImageGrid(images, titles, columns, title, cellSize);
    }

    /// <summary>A grid of images given as separate CHW tensors.</summary>
    /// <param name="cellSize">Largest side of each image on screen in pixels; 0 chooses.</param>
    public static ImageChart ToImageGrid(this IEnumerable<Tensor> images, IEnumerable<string?>? titles = null, int columns = 0,
        float[]? mean = null, float[]? std = null, string? title = null, int cellSize = 0) =>
        Plot.ImageGrid(images.Select(t => t.ToImage(mean, std)).ToList(), titles, columns, title, cellSize);

    /// <summary>A heatmap of a 2-D tensor (a kernel, an attention map, a confusion matrix of counts).</summary>
    /// <param name="min">Value of the lowest colour (default: the smallest element); give min and max to compare several heatmaps.</param>
    /// <param name="max">Value of the highest colour (default: the largest element).</param>
    public static Heatmap ToHeatmap(this Tensor matrix, string? title = null, string? xTitle = null, string? yTitle = null, bool annotate = false,
        double? min = null, double? max = null, int width = 640, int height = 440)
    {
        if (matrix.dim() != 2) throw new ArgumentException($"ToHeatmap expects a 2-D tensor, got shape [{string.Join(", ", matrix.shape)}].");
        using var m = matrix.detach().cpu().to(ScalarType.Float64);
        return Plot.Heatmap(m.Values<double>(), (int)m.shape[0], (int)m.shape[1], title, xTitle, yTitle, annotate: annotate,
            min: min, max: max, width: width, height: height);
    }

    /// <summary>A line chart of a 1-D tensor against its index.</summary>
    public static XYChart ToLineChart(this Tensor values, string? name = null, string? title = null)
    {
        using var v = values.detach().cpu().reshape(-1).to(ScalarType.Float64);
        return Plot.Line(v.Values<double>(), name, title);
    }

    /// <summary>An audio player for a waveform: shape [samples] or [channels, samples], values in [-1, 1].</summary>
    public static Plots.Audio ToAudio(this Tensor waveform, int sampleRate)
    {
        using var w = waveform.detach().cpu().to(ScalarType.Float32).contiguous();
        var channels = w.dim() == 2 ? (int)w.shape[0] : 1;
        return Plots.Audio.FromSamples(w.Values<float>(), sampleRate, channels);
    }
}

using static TorchSharp.torch;

namespace Torchbook.Vision.Transforms;

/// <summary>
/// The random draws torchvision's transforms make, in its order and precision, from libtorch's global generator
/// (shared by RandomAffine, RandomErasing and RandomResizedCrop so that each draws what torchvision draws).
/// </summary>
internal static class TorchvisionDraws
{
    /// <summary><c>float(torch.empty(1).uniform_(low, high).item())</c>: a float32 draw.</summary>
    public static double Uniform(double low, double high)
    {
        using var draw = empty(1).uniform_(low, high);
        return draw.item<float>();
    }

    /// <summary>
    /// One try of RandomErasing's and RandomResizedCrop's box: an area fraction from <paramref name="scale"/> of
    /// <paramref name="area"/>, an aspect ratio log-uniform in <paramref name="logRatio"/> (float32 logs, as
    /// <c>torch.log(torch.tensor(ratio))</c>), and the rounded sides <c>sqrt(target * aspect)</c> and <c>sqrt(target / aspect)</c>.
    /// </summary>
    public static (int sqrtTimes, int sqrtOver) Box(double area, (double min, double max) scale, (float min, float max) logRatio)
    {
        var target = area * Uniform(scale.min, scale.max);
        double aspect;
        using (var logAspect = empty(1).uniform_(logRatio.min, logRatio.max))
        using (var e = logAspect.exp()) aspect = e.item<float>();
        return ((int)Math.Round(Math.Sqrt(target * aspect)), (int)Math.Round(Math.Sqrt(target / aspect)));
    }

    /// <summary><c>torch.log(torch.tensor(ratio))</c> as two float32 values.</summary>
    public static (float min, float max) LogRatio((double min, double max) ratio)
    {
        using var logRatio = log(tensor(new[] { (float)ratio.min, (float)ratio.max }));
        return (logRatio[0].item<float>(), logRatio[1].item<float>());
    }
}

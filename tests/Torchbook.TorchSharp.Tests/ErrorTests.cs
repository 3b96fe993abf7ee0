using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

/// <summary>Misuse gives a .NET exception with libtorch's message, never a crash.</summary>
public class ErrorTests
{
    [Fact]
    public void Shape_mismatch_in_matmul_has_libtorchs_message_without_backtrace()
    {
        var ex = Assert.Throws<TorchException>(() => zeros(64, 8).matmul(zeros(512, 32)));
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (64x8 and 512x32)", ex.Message);
        Assert.DoesNotContain("Exception raised from", ex.Message);
    }

    [Fact]
    public void Broadcasting_failure_names_the_sizes()
    {
        var ex = Assert.Throws<TorchException>(() => ones(3) + ones(4));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0", ex.Message);
    }

    [Fact]
    public void Disposed_tensors_throw_object_disposed()
    {
        var t = ones(2);
        t.Dispose();
        t.Dispose();
        var ex = Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Contains("has been disposed", ex.Message);
        Assert.Equal("tensor(<disposed>)", t.ToString());
        Assert.Throws<ObjectDisposedException>(() => ones(2) + t);
    }

    [Fact]
    public void Wrong_dtypes_are_reported()
    {
        var ex = Assert.Throws<TorchException>(() => ones(2, dtype: int64).mean());
        Assert.Contains("mean(): could not infer output dtype", ex.Message);
        Assert.Throws<TorchException>(() => zeros(2).bitwise_and(zeros(2)));
        Assert.Throws<TorchException>(() => ones(2).view(3));
    }

    [Fact]
    public void Errors_on_one_thread_do_not_leak_to_another()
    {
        Assert.Throws<TorchException>(() => ones(2).view(3));
        var other = Task.Run(() => (ones(2) + 1).sum().item<float>()).Result;
        Assert.Equal(4f, other);
    }

    [Fact]
    public void Missing_or_corrupt_tensor_files()
    {
        Assert.Throws<FileNotFoundException>(() => load("/nonexistent/x.pt"));
        var bad = Path.GetTempFileName();
        File.WriteAllText(bad, "not a zip");
        Assert.Throws<TorchException>(() => load(bad));
        File.Delete(bad);
    }
}

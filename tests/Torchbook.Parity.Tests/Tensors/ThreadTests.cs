using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Tensors;

/// <summary>libtorch's intra-op thread count, and the libtorch version behind TorchSharp.</summary>
[Collection("libtorch global state")]
public class ThreadTests
{
    [Fact]
    public void Threads_can_be_read_and_set()
    {
        var before = get_num_threads();
        Assert.True(before >= 1);
        try
        {
            set_num_threads(1);
            Assert.Equal(1, get_num_threads());
        }
        finally { set_num_threads(before); }
        Assert.Contains("Expected positive number of threads", Assert.ThrowsAny<Exception>(() => set_num_threads(0)).Message);
        Assert.StartsWith("2.10", __version__);
    }
}

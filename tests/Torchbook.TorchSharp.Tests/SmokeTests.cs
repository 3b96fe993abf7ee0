using TorchSharp;
using Xunit;

namespace Torchbook.TorchSharp.Tests;

public class ScalarTypeTests
{
    [Fact]
    public void Values_match_libtorch()
    {
        Assert.Equal(6, (int)ScalarType.Float32);
        Assert.Equal(15, (int)ScalarType.BFloat16);
    }
}

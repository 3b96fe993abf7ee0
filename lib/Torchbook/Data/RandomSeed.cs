using static TorchSharp.torch;

namespace Torchbook;

public static partial class Data
{
    /// <summary>
    /// PyTorch's <c>torch.empty((), dtype=torch.int64).random_(generator=g).item()</c>: one 64-bit draw r from the
    /// generator (the default one when null), reduced to r mod 2^63. PyTorch's samplers and DataLoader seed
    /// themselves this way. TorchSharp's random_ always passes a range; [-2^62, 2^62) makes the same single 64-bit
    /// draw (libtorch uses random64() for ranges of 2^32 or more) and gives (r mod 2^63) - 2^62.
    /// </summary>
    internal static long RandomInt64(Generator? generator)
    {
        const double half = 4611686018427387904.0; // 2^62
        using var t = empty([], ScalarType.Int64);
        t.random_(-half, half, generator);
        return t.item<long>() + (1L << 62);
    }
}

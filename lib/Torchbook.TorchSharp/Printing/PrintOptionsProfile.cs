namespace TorchSharp;

/// <summary>
/// Named sets of print options, as PyTorch's <c>torch.set_printoptions(profile=...)</c> knows them.
/// </summary>
public enum PrintOptionsProfile
{
    /// <summary>precision 4, threshold 1000, edgeitems 3, linewidth 80.</summary>
    @default = 0,

    /// <summary>precision 2, threshold 1000, edgeitems 2, linewidth 80.</summary>
    @short = 1,

    /// <summary>precision 4, no summarisation (threshold infinite), edgeitems 3, linewidth 80.</summary>
    full = 2,
}

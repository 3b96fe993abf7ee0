using System.Globalization;
using global::TorchSharp;
using static global::TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests.Data;

/// <summary>
/// Shuffling with no generator of its own: the loader and its sampler seed themselves from the
/// default generator, so torch.manual_seed alone must give PyTorch's order (what a notebook relies on).
/// </summary>
[Collection("libtorch global state")]
public class DefaultGeneratorShuffleTests
{
    [Fact]
    public void Unbounded_random_fill_matches_PyTorch()
    {
        foreach (var c in DataGoldens.Get("random_full_range").EnumerateArray())
        {
            manual_seed(c.GetProperty("seed").GetInt64());
            foreach (var expected in c.GetProperty("values").EnumerateArray())
            {
                using var s = empty([], ScalarType.Int64);
                Assert.Equal(long.Parse(expected.GetString()!, CultureInfo.InvariantCulture), s.random_().item<long>());
            }
        }
    }

    [Fact]
    public void A_shuffled_loader_after_manual_seed_gives_PyTorchs_order()
    {
        foreach (var c in DataGoldens.Get("dataloader_shuffle_default_generator").EnumerateArray())
        {
            long n = c.GetProperty("n").GetInt64();
            using var loader = utils.data.DataLoader(utils.data.TensorDataset(arange(0, n, 1, ScalarType.Int64)),
                batch_size: c.GetProperty("batch_size").GetInt32(), shuffle: true);
            manual_seed(c.GetProperty("seed").GetInt64());
            foreach (var epoch in c.GetProperty("epochs").EnumerateArray())
            {
                var expected = DataGoldens.LongLists(epoch);
                var got = loader.Select(batch => batch[0].ToArray<long>()).ToArray();
                Assert.Equal(expected.Length, got.Length);
                for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i]);
            }
        }
    }
}

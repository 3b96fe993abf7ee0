using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Torchbook.Training;

namespace Torchbook.Tests.Training;

[Collection("global state")]
public class LRFinderTests
{
    [Fact]
    public void The_finder_puts_weights_optimizer_state_and_rates_back_exactly()
    {
        var (X, y) = SyntheticData.Blobs(256, seed: 30);
        manual_seed(4);
        var model = Sequential(Linear(2, 16), BatchNorm1d(16), ReLU(), Linear(16, 2));
        var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9);
        // Some training first, so there are momentum buffers and running statistics to restore.
        fit(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), optimizer, epochs: 1, progress: ProgressMode.None);
        model.eval();
        var weights = SyntheticData.CopyOf(model);
        var state = SyntheticData.OptimizerState(optimizer);

        var result = find_lr(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), optimizer, num_iter: 50);

        Assert.True(result.lrs.Count > 5);
        Assert.True(model.state_dict().All(kv => kv.Value.SameAs(weights[kv.Key])), "weights or buffers changed");
        Assert.False(model.training);
        Assert.Equal(0.05, optimizer.ParamGroups.First().LearningRate);
        Assert.Equal(state, SyntheticData.OptimizerState(optimizer)); // momentum buffers and step counts, byte for byte
        // zero_grad leaves zeros (TorchSharp, as PyTorch 1.13 with set_to_none=False).
        Assert.All(model.parameters(), p => Assert.True(p.grad is null || p.grad.count_nonzero().item<long>() == 0));
    }

    [Fact]
    public void Adam_state_and_a_fresh_optimizer_come_back_as_they_were()
    {
        var (X, y) = SyntheticData.Blobs(128, seed: 31);
        var model = SyntheticData.Mlp(5);
        var adam = optim.Adam(model.parameters(), 1e-3);
        var fresh = SyntheticData.OptimizerState(adam);
        find_lr(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), adam, num_iter: 20);
        Assert.Equal(fresh, SyntheticData.OptimizerState(adam)); // a fresh optimizer comes back fresh
        fit(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), adam, epochs: 1, progress: ProgressMode.None);
        var trained = SyntheticData.OptimizerState(adam);
        Assert.NotEqual(fresh, trained);
        find_lr(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), adam, num_iter: 20);
        Assert.Equal(trained, SyntheticData.OptimizerState(adam));
    }

    [Fact]
    public void The_sweep_is_exponential_smoothed_with_bias_correction_and_keeps_group_ratios()
    {
        var (X, y) = SyntheticData.Blobs(256, seed: 32);
        manual_seed(6);
        var first = Linear(2, 16);
        var second = Linear(16, 2);
        var model = Sequential(first, ReLU(), second);
        var optimizer = optim.SGD([new SGD.ParamGroup(first.parameters(), 1e-3), new SGD.ParamGroup(second.parameters(), 1e-2)], 1e-3);
        var ratios = new List<double>();
        Func<Tensor, Tensor, Tensor> loss = (o, t) =>
        {
            ratios.Add(optimizer.ParamGroups.ElementAt(1).LearningRate / optimizer.ParamGroups.First().LearningRate);
            return functional.cross_entropy(o, t);
        };
        var r = find_lr(model, SyntheticData.Batches(X, y, 32), loss, optimizer, start_lr: 1e-5, end_lr: 1, num_iter: 40, beta: 0.9);

        Assert.Equal(1e-5, r.lrs[0], 15);
        double factor = Math.Pow(1e5, 1 / 39.0);
        for (int i = 1; i < r.lrs.Count; i++) Assert.Equal(factor, r.lrs[i] / r.lrs[i - 1], 9);
        Assert.All(ratios, q => Assert.Equal(10, q, 9));
        Assert.Equal(r.raw_losses[0], r.losses[0], 12);
        Assert.Equal((0.9 * 0.1 * r.raw_losses[0] + 0.1 * r.raw_losses[1]) / (1 - 0.81), r.losses[1], 12);
        Assert.Equal([1e-3, 1e-2], optimizer.ParamGroups.Select(g => g.LearningRate));
        Assert.InRange(r.suggested_lr, r.lrs[0], r.lrs[^1]);
        Assert.Equal(r.min_loss_lr / 10, r.lr_min_div10, 15);
        Assert.Contains("suggested", r.Plot().ToSvg());
    }

    [Fact]
    public void The_sweep_stops_when_the_loss_explodes()
    {
        // Linear regression: gradient descent diverges once lr passes 2 / (largest curvature).
        manual_seed(12);
        var X = randn(256, 4);
        var t = X.matmul(tensor(new float[] { 1, -1, 2, 0.5f }).view(4, 1));
        var model = Linear(4, 1);
        var r = find_lr(model, SyntheticData.Batches(X, t, 32), MSELoss(), optim.SGD(model.parameters(), 0.1), start_lr: 1e-4, end_lr: 1e3, num_iter: 100);
        Assert.True(r.lrs.Count < 100, r.ToString());
        Assert.True(r.stop_reason.Contains("x its best") || r.stop_reason.Contains("loss became"), r.stop_reason);
        // Before it explodes, the loss falls: the suggestion lies where it falls, below the minimum's rate.
        Assert.True(r.suggested_lr < r.min_loss_lr, r.ToString());
    }

    [Fact]
    public void A_loss_that_never_falls_gets_the_lowest_over_10_and_says_so()
    {
        double[] lrs = [1e-5, 1e-4, 1e-3, 1e-2];
        double[] rising = [0.70, 0.71, 0.75, 0.90];
        var r = new LRFinderResult(lrs, rising, rising, "ran all 4 steps");
        Assert.Equal(1e-6, r.suggested_lr, 12);
        Assert.Equal("the loss never fell: lowest / 10", r.suggestion_rule);
        Assert.Contains("Suggested lr 1E-06 (the loss never fell: lowest / 10)", r.ToString());
        var falling = new LRFinderResult(lrs, [0.9, 0.6, 0.5, 0.8], [0.9, 0.6, 0.5, 0.8], "ran all 4 steps");
        Assert.Equal("steepest descent", falling.suggestion_rule);
        Assert.Equal(1e-5, falling.suggested_lr, 12);
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Torchbook.Parity.Tests.Optim;

/// <summary>
/// Learning rates (and momenta) over 30 steps against PyTorch 1.13's schedulers (goldens/nn/schedulers.json).
/// Tolerance: 1e-15 relative (the schedules are computed in double by both).
/// </summary>
public class SchedulerParityTests
{
    private static double Lr(Optimizer o) => o.ParamGroups.First().LearningRate;

    private static (double[] lrs, double[] momenta) Run(Func<IEnumerable<Parameter>, Optimizer> makeOpt, Func<Optimizer, lr_scheduler.LRScheduler> makeSched,
        Func<Optimizer, double>? extra = null, double[]? metrics = null)
    {
        using var p = nn.Parameter(zeros(1));
        using var opt = makeOpt([p]);
        var sched = makeSched(opt);
        var lrs = new List<double> { Lr(opt) };
        var ext = new List<double>();
        if (extra is not null) ext.Add(extra(opt));
        for (int i = 0; i < 29; i++)
        {
            opt.step();
            if (metrics is not null) sched.step(metrics[i]);
            else sched.step();
            lrs.Add(Lr(opt));
            if (extra is not null) ext.Add(extra(opt));
        }
        return (lrs.ToArray(), ext.ToArray());
    }

    // PyTorch's SGD(params, lr=0.1): TorchSharp names the learning rate learningRate.
    private static Optimizer Sgd(IEnumerable<Parameter> p) => SGD(p, 0.1, momentum: 0.9);
    private static Optimizer AdamOpt(IEnumerable<Parameter> p) => Adam(p, lr: 0.1);
    private static double Momentum(Optimizer o) => ((IMomentum)o.ParamGroups.First()).Momentum;
    private static double Beta1(Optimizer o) => ((IBetas)o.ParamGroups.First()).Betas.Item1;

    private static void AssertSequence(string key, double[] actual, int? count = null)
    {
        var expected = Goldens.Doubles("nn/schedulers.json", key);
        Assert.Equal(expected.Length, actual.Length);
        if (count is int n) (expected, actual) = (expected[..n], actual[..n]);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-15 * Math.Max(1, Math.Abs(expected[i])), $"{key}[{i}]: {actual[i]:R}, PyTorch {expected[i]:R}");
    }

    [Fact] public void StepLR_matches() => AssertSequence("step", Run(Sgd, o => lr_scheduler.StepLR(o, 5, 0.5)).lrs);
    [Fact]
    public void MultiStepLR_matches_until_a_repeated_milestone()
    {
        // PyTorch counts a repeated milestone twice (gamma^2 at 12); TorchSharp once (OptimDeviationTests).
        var lrs = Run(Sgd, o => lr_scheduler.MultiStepLR(o, [5, 12, 12, 20], 0.3)).lrs;
        AssertSequence("multistep", lrs, count: 12);
    }
    [Fact] public void ExponentialLR_matches() => AssertSequence("exponential", Run(Sgd, o => lr_scheduler.ExponentialLR(o, 0.9)).lrs);
    [Fact] public void CosineAnnealingLR_matches() => AssertSequence("cosine", Run(Sgd, o => lr_scheduler.CosineAnnealingLR(o, 10, 0.001)).lrs);
    [Fact] public void LinearLR_matches() => AssertSequence("linear", Run(Sgd, o => lr_scheduler.LinearLR(o, start_factor: 0.25, total_iters: 8)).lrs);

    [Fact]
    public void OneCycleLR_cycles_rate_and_momentum()
    {
        var (lrs, m) = Run(Sgd, o => lr_scheduler.OneCycleLR(o, 0.5, total_steps: 30), Momentum);
        AssertSequence("onecycle", lrs);
        AssertSequence("onecycle/momentum", m);
    }

    [Fact]
    public void OneCycleLR_three_phase_linear_cycles_adams_beta1()
    {
        var (lrs, m) = Run(AdamOpt, o => lr_scheduler.OneCycleLR(o, 0.01, epochs: 3, steps_per_epoch: 10, three_phase: true,
            anneal_strategy: lr_scheduler.impl.OneCycleLR.AnnealStrategy.Linear), Beta1);
        AssertSequence("onecycle_three_linear_adam", lrs);
        AssertSequence("onecycle_three_linear_adam/momentum", m);
    }

    [Fact]
    public void ReduceLROnPlateau_matches()
    {
        var metrics = Goldens.Doubles("nn/schedulers.json", "plateau/metrics");
        AssertSequence("plateau", Run(Sgd, o => lr_scheduler.ReduceLROnPlateau(o, factor: 0.5, patience: 2, cooldown: 1, min_lr: [0.01]), metrics: metrics).lrs);
    }

    [Fact]
    public void OneCycleLR_refuses_to_step_past_total_steps_with_pytorchs_message()
    {
        using var p = nn.Parameter(zeros(1));
        using var opt = Sgd([p]);
        var s = lr_scheduler.OneCycleLR(opt, 0.5, total_steps: 3);
        s.step(); s.step(); s.step();
        Assert.Equal("Tried to step 5 times. The specified number of total steps is 3", Assert.Throws<InvalidOperationException>(() => s.step()).Message);
        using var q = nn.Parameter(zeros(1));
        using var adagrad = Adagrad([q]);
        Assert.Equal("optimizer must support momentum with `cycle_momentum` option enabled",
            Assert.Throws<ArgumentException>(() => lr_scheduler.OneCycleLR(adagrad, 0.5, total_steps: 10)).Message);
    }
}

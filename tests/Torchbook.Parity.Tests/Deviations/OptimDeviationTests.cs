using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Torchbook.Parity.Tests.Deviations;

/// <summary>Where TorchSharp 0.107's torch.optim differs from PyTorch's (convention: see TensorDeviationTests).</summary>
public class OptimDeviationTests
{
    [Fact]
    public void AdamW_defaults_to_no_weight_decay()
    {
        // PyTorch: optim.AdamW(params, lr=0.1) decays weights by 0.01 (first step from 1.5: 1.3985, goldens/nn/optim.json).
        // TorchSharp: AdamW's weight_decay defaults to 0, which makes it Adam (first step: 1.4).
        Assert.Equal(0.0, typeof(optim).GetMethod(nameof(AdamW), [typeof(IEnumerable<Parameter>), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(bool), typeof(bool)])!
            .GetParameters().Single(p => p.Name == "weight_decay").DefaultValue);
        using var scope = NewDisposeScope();
        using var w = nn.Parameter(tensor(new[] { 1.5f }));
        using var opt = AdamW([w], lr: 0.1);
        w.pow(2).sum().backward();
        opt.step();
        Assert.Equal(1.4f, w.detach().item<float>(), 6);
        Assert.Equal(1.3985f, Goldens.Tensor("nn/optim.json", "adamw")[0, 0].item<float>(), 6);
    }

    [Fact]
    public void MultiStepLR_counts_a_repeated_milestone_once()
    {
        // PyTorch: MultiStepLR(milestones=[5, 12, 12, 20], gamma=0.3) multiplies by 0.3^2 at step 12 (a Counter of milestones).
        using var p = nn.Parameter(zeros(1));
        using var opt = SGD([p], 0.1);
        var sched = lr_scheduler.MultiStepLR(opt, [5, 12, 12, 20], 0.3);
        for (int i = 0; i < 12; i++) { opt.step(); sched.step(); }
        Assert.Equal(0.1 * 0.3 * 0.3, opt.ParamGroups.First().LearningRate, 12);
        Assert.Equal(0.1 * 0.3 * 0.3 * 0.3, Goldens.Doubles("nn/schedulers.json", "multistep")[12], 12);
    }

    [Fact]
    public void Names_that_differ_from_pytorchs()
    {
        // PyTorch: optim.RMSprop, SGD(params, lr=...), optimizer.param_groups[0]["lr"].
        // TorchSharp: optim.RMSProp, SGD(params, learningRate: ...), optimizer.ParamGroups.First().LearningRate.
        Assert.Null(typeof(optim).GetMethod("RMSprop"));
        Assert.NotNull(typeof(optim).GetMethod("RMSProp", [typeof(IEnumerable<Parameter>), typeof(double), typeof(double), typeof(double), typeof(double), typeof(double), typeof(bool), typeof(bool)]));
        Assert.All(typeof(optim).GetMethods().Where(m => m.Name == nameof(SGD)), m => Assert.Equal("learningRate", m.GetParameters()[1].Name));
        Assert.Null(typeof(Optimizer).GetProperty("param_groups"));
        Assert.NotNull(typeof(Optimizer).GetProperty("ParamGroups"));
    }

    [Fact]
    public void A_param_group_without_a_rate_gets_1e_3_not_the_optimizers()
    {
        // PyTorch: SGD([{"params": body}, {"params": head, "lr": 0.1}], lr=0.5) gives body 0.5 (the optimizer's default).
        // TorchSharp: a ParamGroup made without lr has its own default, 1e-3, whatever the optimizer's rate.
        using var a = nn.Parameter(ones(1));
        using var b = nn.Parameter(ones(1));
        using var opt = SGD([new TorchSharp.Modules.SGD.ParamGroup([a]), new TorchSharp.Modules.SGD.ParamGroup([b], lr: 0.1)], 0.5);
        Assert.Equal(new[] { 1e-3, 0.1 }, opt.ParamGroups.Select(g => g.LearningRate));
    }

    [Fact]
    public void Optimizer_zero_grad_zeroes_while_module_zero_grad_sets_none()
    {
        // PyTorch 2.x: optimizer.zero_grad() and module.zero_grad() both set .grad to None (set_to_none=True; 1.13 zeroed).
        // TorchSharp: Optimizer.zero_grad() fills zeros, Module.zero_grad() sets null.
        using var l = nn.Linear(2, 1);
        using var opt = SGD(l.parameters(), 0.1);
        l.forward(ones(1, 2)).sum().backward();
        opt.zero_grad();
        Assert.NotNull(l.weight!.grad);
        Assert.Equal(0f, l.weight.grad!.abs().sum().item<float>());
        l.zero_grad();
        Assert.Null(l.weight.grad);
    }

    [Fact]
    public void An_empty_parameter_list_is_accepted()
    {
        // PyTorch: optim.SGD([], lr=0.1) raises "optimizer got an empty parameter list" (a model whose parameters were all
        // filtered out). TorchSharp makes the optimizer, which then does nothing.
        using var opt = SGD(Array.Empty<Parameter>(), 0.1);
        Assert.Empty(opt.parameters());
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Parity.Tests.Optim;

/// <summary>Optimizer behaviour as PyTorch defines it (exact: halves and quarters): param groups, skipped parameters, closures, state.</summary>
public class OptimizerBehaviourTests
{
    [Fact]
    public void Param_groups_move_by_their_own_learning_rates()
    {
        using var a = Parameter(ones(2));
        using var b = Parameter(ones(2));
        // Each group names its rate (a group without one gets 1e-3, not the optimizer's: OptimDeviationTests).
        using var opt = optim.SGD([new SGD.ParamGroup([a], lr: 0.1), new SGD.ParamGroup([b], lr: 1.0)], 0.5);
        Assert.Equal(new[] { 0.1, 1.0 }, opt.ParamGroups.Select(g => g.LearningRate));
        (a.sum() + b.sum()).backward();
        opt.step();
        Assert.Equal(new[] { 0.9f, 0.9f }, a.detach().data<float>().ToArray());
        Assert.Equal(new[] { 0f, 0f }, b.detach().data<float>().ToArray());
        opt.ParamGroups.Last().LearningRate = 0.25;
        Assert.Equal(0.25, opt.ParamGroups.Last().LearningRate);
    }

    [Fact]
    public void Parameters_without_gradients_are_left_alone()
    {
        using var a = Parameter(ones(2));
        using var b = Parameter(ones(2));
        using var opt = optim.Adam([a, b], lr: 0.1);
        a.sum().backward();
        opt.step();
        Assert.Equal(new[] { 1f, 1f }, b.detach().data<float>().ToArray());
        Assert.Equal(0.9f, a.detach().data<float>()[0], 6);
    }

    [Fact]
    public void Step_with_a_closure_returns_its_loss()
    {
        using var w = Parameter(tensor(new[] { 2f }));
        using var opt = optim.SGD([w], 0.25);
        var loss = opt.step(() => { opt.zero_grad(); var l = (w * w).sum(); l.backward(); return l; });
        Assert.Equal(4f, loss!.item<float>());
        Assert.Equal(1f, w.detach().item<float>());
    }

    [Fact]
    public void State_dict_round_trips_and_continues_the_same_trajectory()
    {
        Tensor Loss(Parameter w) => (w * w * tensor(new[] { 1f, 3f })).sum();
        using var w1 = Parameter(tensor(new[] { 1f, -2f }));
        using var opt1 = optim.Adam([w1], lr: 0.1);
        for (int i = 0; i < 3; i++) { opt1.zero_grad(); Loss(w1).backward(); opt1.step(); }
        using var w2 = Parameter(w1.detach().clone());
        using var opt2 = optim.Adam([w2], lr: 0.5);
        opt2.load_state_dict(opt1.state_dict());
        Assert.Equal(0.1, opt2.ParamGroups.First().LearningRate);
        for (int i = 0; i < 3; i++)
        {
            opt1.zero_grad(); Loss(w1).backward(); opt1.step();
            opt2.zero_grad(); Loss(w2).backward(); opt2.step();
        }
        Assert.Equal(w1.detach().data<float>().ToArray(), w2.detach().data<float>().ToArray());
    }

    [Fact]
    public void Invalid_options_are_refused_with_pytorchs_messages()
    {
        using var a = Parameter(ones(1));
        Assert.Equal("Invalid learning rate: -1", Assert.Throws<ArgumentException>(() => optim.SGD([a], -1)).Message);
        Assert.Equal("Nesterov momentum requires a momentum and zero dampening", Assert.Throws<ArgumentException>(() => optim.SGD([a], 0.1, nesterov: true)).Message);
    }

    [Fact]
    public void Clip_grad_norm_leaves_small_gradients_alone_and_clips_by_the_max_norm()
    {
        using var w = Parameter(tensor(new[] { 0.1f, 0.1f }));
        (w * 1).sum().backward();
        Assert.Equal(Math.Sqrt(2), torch.nn.utils.clip_grad_norm_([w], 10.0), 5);
        Assert.Equal(new[] { 1f, 1f }, w.grad!.data<float>().ToArray());
        Assert.Equal(1.0, torch.nn.utils.clip_grad_norm_([w], 0.5, norm_type: double.PositiveInfinity), 5);
        Assert.Equal(0.5f, w.grad!.data<float>()[0], 4);
    }
}

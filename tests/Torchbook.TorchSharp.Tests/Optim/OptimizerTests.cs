using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.TorchSharp.Tests.Optim;

public class OptimizerTests
{
    [Fact]
    public void Param_groups_have_their_own_learning_rates_readable_and_writable()
    {
        using var body = Linear(3, 3);
        using var head = Linear(3, 1);
        using var opt = optim.SGD([new ParamGroup(body.parameters(), lr: 0.001), new ParamGroup(head.parameters())], 0.1, momentum: 0.9);
        Assert.Equal(0.001, opt.param_groups[0].LearningRate);
        Assert.Equal(0.1, opt.param_groups[1].lr);
        Assert.Equal(0.9, (double)opt.param_groups[0]["momentum"]);
        opt.param_groups[1].LearningRate = 0.5;
        Assert.Equal(0.5, opt.ParamGroups.Last().LearningRate);
        Assert.Equal(0.5, opt.param_groups[1].InitialLearningRate);
        Assert.Equal(4, opt.parameters().Count());
        var sched = optim.lr_scheduler.StepLR(opt, 1, 0.1);
        sched.step();
        Assert.Equal(0.5, opt.param_groups[1].InitialLearningRate);
        Assert.Equal(0.05, opt.param_groups[1].LearningRate, 12);
        Assert.Equal(new[] { 0.0001, 0.05 }, sched.get_last_lr().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Differential_learning_rates_move_groups_by_their_own_rate()
    {
        using var a = Parameter(ones(2));
        using var b = Parameter(ones(2));
        using var opt = optim.SGD([new ParamGroup([a], lr: 0.1), new ParamGroup([b], lr: 1.0)], 0.5);
        (a.sum() + b.sum()).backward();
        opt.step();
        Assert.Equal(new[] { 0.9f, 0.9f }, a.detach().ToArray<float>());
        Assert.Equal(new[] { 0.0f, 0.0f }, b.detach().ToArray<float>());
    }

    [Fact]
    public void Parameters_without_gradients_are_skipped_and_zero_grad_clears()
    {
        using var a = Parameter(ones(2));
        using var b = Parameter(ones(2));
        using var opt = optim.Adam([a, b], lr: 0.1);
        a.sum().backward();
        opt.step();
        Assert.Equal(new[] { 1f, 1f }, b.detach().ToArray<float>());
        Assert.NotEqual(1f, a.detach().ToArray<float>()[0]);
        Assert.Empty(opt.state(b));
        Assert.Contains("exp_avg", opt.state(a).Keys);
        opt.zero_grad();
        Assert.Null(a.grad);
        a.sum().backward();
        opt.zero_grad(set_to_none: false);
        Assert.Equal(new[] { 0f, 0f }, a.grad!.ToArray<float>());
    }

    [Fact]
    public void State_dict_round_trips_and_continues_the_same_trajectory()
    {
        Tensor Loss(Parameter w) => (w * w * tensor(new[] { 1f, 3f })).sum();
        using var w1 = Parameter(tensor(new[] { 1f, -2f }));
        using var opt1 = optim.Adam([w1], lr: 0.1);
        for (int i = 0; i < 3; i++) { opt1.zero_grad(); Loss(w1).backward(); opt1.step(); }
        var saved = opt1.state_dict();
        Assert.Equal(new[] { 0 }, saved.state.Keys);
        Assert.Equal(3f, saved.state[0]["step"].item<float>());
        Assert.Equal(new List<int> { 0 }, saved.param_groups[0]["params"]);

        using var w2 = Parameter(w1.detach().clone());
        using var opt2 = optim.Adam([w2], lr: 0.5);
        opt2.load_state_dict(saved);
        Assert.Equal(0.1, opt2.param_groups[0].LearningRate);
        for (int i = 0; i < 3; i++)
        {
            opt1.zero_grad(); Loss(w1).backward(); opt1.step();
            opt2.zero_grad(); Loss(w2).backward(); opt2.step();
        }
        Assert.Equal(w1.detach().ToArray<float>(), w2.detach().ToArray<float>());
    }

    [Fact]
    public void Load_state_dict_checks_group_sizes()
    {
        using var a = Parameter(ones(1));
        using var b = Parameter(ones(1));
        using var opt1 = optim.SGD([a, b], 0.1);
        using var opt2 = optim.SGD([a], 0.1);
        var e = Assert.Throws<ArgumentException>(() => opt2.load_state_dict(opt1.state_dict()));
        Assert.Equal("loaded state dict contains a parameter group that doesn't match the size of optimizer's group", e.Message);
        using var opt3 = optim.SGD([new ParamGroup([a]), new ParamGroup([b])], 0.1);
        Assert.Equal("loaded state dict has a different number of parameter groups", Assert.Throws<ArgumentException>(() => opt3.load_state_dict(opt1.state_dict())).Message);
    }

    [Fact]
    public void Invalid_options_are_refused_with_pytorchs_messages()
    {
        using var a = Parameter(ones(1));
        Assert.Equal("Invalid learning rate: -1", Assert.Throws<ArgumentException>(() => optim.SGD([a], -1)).Message);
        Assert.Equal("Nesterov momentum requires a momentum and zero dampening", Assert.Throws<ArgumentException>(() => optim.SGD([a], 0.1, nesterov: true)).Message);
        Assert.Equal("Invalid beta parameter at index 0: 1", Assert.Throws<ArgumentException>(() => optim.Adam([a], beta1: 1.0)).Message);
        Assert.Equal("optimizer got an empty parameter list", Assert.Throws<ArgumentException>(() => optim.SGD(Array.Empty<Parameter>(), 0.1)).Message);
        Assert.Equal("some parameters appear in more than one parameter group",
            Assert.Throws<ArgumentException>(() => optim.SGD([new ParamGroup([a]), new ParamGroup([a])], 0.1)).Message);
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
    public void Module_to_dtype_keeps_the_optimizer_working()
    {
        using var m = Linear(2, 1);
        using var opt = optim.SGD(m.parameters(), 0.1);
        m.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, opt.param_groups[0].Parameters[0].dtype);
        m.forward(ones([1, 2], ScalarType.Float64)).sum().backward();
        opt.step();
    }

    [Fact]
    public void Clip_grad_norm_leaves_small_gradients_alone()
    {
        using var w = Parameter(tensor(new[] { 0.1f, 0.1f }));
        (w * 1).sum().backward();
        var total = torch.nn.utils.clip_grad_norm_([w], 10.0);
        Assert.Equal(Math.Sqrt(2), total, 5);
        Assert.Equal(new[] { 1f, 1f }, w.grad!.ToArray<float>());
        var inf = torch.nn.utils.clip_grad_norm_([w], 0.5, norm_type: double.PositiveInfinity);
        Assert.Equal(1.0, inf, 5);
        Assert.Equal(0.5f, w.grad!.ToArray<float>()[0], 4);
    }
}

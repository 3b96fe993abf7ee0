using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Parity.Tests.NN;

/// <summary>
/// Modules as a learner writes and uses them, where TorchSharp does what PyTorch does: registration by field name,
/// state_dict, freezing, train/eval, dtype conversion, zero_grad, hooks, Sequential, disposal. What differs is in
/// ModuleDeviationTests.
/// </summary>
public class ModuleBehaviourTests
{
    private sealed class TwoLayer : Module<Tensor, Tensor>
    {
        public Module<Tensor, Tensor> fc1 = Linear(4, 3);
        public Module<Tensor, Tensor> fc = Linear(3, 2);
        private readonly Parameter scale = Parameter(ones(1));
        private readonly Tensor offset = zeros(2);
        private readonly int notAComponent = 3;

        public TwoLayer() : base(nameof(TwoLayer)) => RegisterComponents();

        public override Tensor forward(Tensor x) => fc.forward(fc1.forward(x).relu()) * scale + offset + notAComponent * 0;
    }

    [Fact]
    public void RegisterComponents_finds_modules_parameters_and_buffers_by_field_name()
    {
        using var m = new TwoLayer();
        Assert.Equal(new[] { "scale", "fc1.weight", "fc1.bias", "fc.weight", "fc.bias" }, m.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "offset" }, m.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "fc1", "fc" }, m.named_children().Select(c => c.name));
        // PyTorch's named_modules() starts with ("", self); TorchSharp's lists the descendants only.
        Assert.Equal(new[] { "fc1", "fc" }, m.named_modules().Select(c => c.name));
        Assert.Equal(1 + 12 + 3 + 6 + 2, m.parameters().Sum(p => p.numel()));
        Assert.All(m.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Freezing_with_requires_grad_false_stops_gradients()
    {
        using var m = new TwoLayer();
        foreach (var (name, p) in m.named_parameters()) p.requires_grad = name.StartsWith("fc.");
        Assert.Equal(new[] { "fc.weight", "fc.bias" }, m.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name));
        m.forward(ones(1, 4)).sum().backward();
        Assert.Null(m.get_parameter("fc1.weight")!.grad);
        Assert.NotNull(m.get_parameter("fc.weight")!.grad);
    }

    [Fact]
    public void Load_state_dict_copies_values_and_reports_missing_keys_when_lenient()
    {
        using var a = Sequential(Linear(3, 2), ReLU(), Linear(2, 1));
        using var b = Sequential(Linear(3, 2), ReLU(), Linear(2, 1));
        b.load_state_dict(a.state_dict());
        Assert.True(a.state_dict()["0.weight"].eq(b.state_dict()["0.weight"]).all().item<bool>());
        var partial = a.state_dict();
        partial.Remove("0.bias");
        var (missing, unexpected) = b.load_state_dict(partial, strict: false);
        Assert.Equal(new[] { "0.bias" }, missing);
        Assert.Empty(unexpected);
    }

    [Fact]
    public void State_dict_tensors_share_storage_with_the_parameters()
    {
        using var l = Linear(2, 2);
        var sd = l.state_dict();
        using (no_grad()) sd["weight"].fill_(3);
        Assert.Equal(3f, l.weight.detach().data<float>()[0, 0]);
    }

    [Fact]
    public void BatchNorm_state_dict_has_pytorchs_buffer_names()
    {
        using var bn = BatchNorm2d(4);
        Assert.Equal(new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }, bn.state_dict().Keys);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
    }

    [Fact]
    public void Train_and_eval_reach_every_submodule_and_switch_dropout()
    {
        using var m = Sequential(Linear(4, 4), Dropout(0.5), Sequential(Dropout(0.9)));
        Assert.True(m.training);
        m.eval();
        Assert.All(m.modules(), x => Assert.False(x.training));
        var x = ones(8, 4);
        Assert.True(m.forward(x).eq(((Module<Tensor, Tensor>)m[0]).forward(x)).all().item<bool>());
        m.train();
        Assert.All(m.modules(), x => Assert.True(x.training));
    }

    [Fact]
    public void Apply_visits_children_first_then_the_module()
    {
        using var m = Sequential(("a", Linear(1, 1)), ("b", Sequential(ReLU())));
        var visited = new List<Type>();
        m.apply(x => visited.Add(x.GetType()));
        Assert.Equal(new[] { typeof(Linear), typeof(ReLU), typeof(Sequential), typeof(Sequential) }, visited);
    }

    [Fact]
    public void To_dtype_converts_floating_parameters_and_keeps_integer_buffers()
    {
        using var m = Sequential(Linear(2, 2), BatchNorm1d(2));
        m.to(ScalarType.Float64);
        Assert.All(m.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        var bn = (BatchNorm1d)m[1];
        Assert.Equal(ScalarType.Float64, bn.running_mean!.dtype);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        Assert.Equal(ScalarType.Float64, m.forward(ones([3, 2], ScalarType.Float64)).dtype);
    }

    [Fact]
    public void To_returns_the_modules_own_type()
    {
        using TwoLayer m = new TwoLayer().to(CPU).to("cpu").to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, m.forward(ones([1, 4], ScalarType.Float64)).dtype);
        using Linear l = Linear(2, 2).@float().cpu();
        Assert.Equal(ScalarType.Float32, l.weight.dtype);
    }

    [Fact]
    public void Zero_grad_removes_gradients()
    {
        using var l = Linear(2, 1);
        l.forward(ones(1, 2)).sum().backward();
        Assert.NotNull(l.weight.grad);
        l.zero_grad(set_to_none: false);
        Assert.Equal(new[] { 0f, 0f }, l.weight.grad!.data<float>().ToArray());
        l.zero_grad();
        Assert.Null(l.weight.grad);
    }

    [Fact]
    public void Forward_hooks_run_on_call_see_outputs_and_can_be_removed()
    {
        // As in PyTorch, hooks run when the module is called (PyTorch: lin(x); TorchSharp: lin.call(x), and
        // Sequential.forward calls its children), not on a direct lin.forward(x).
        using var m = Sequential(Linear(2, 3), ReLU());
        var shapes = new List<long[]>();
        var lin = (Linear)m[0];
        var handle = lin.register_forward_hook((mod, input, output) => { shapes.Add(output.shape); return null; });
        m.forward(ones(4, 2));
        lin.call(ones(1, 2));
        lin.forward(ones(5, 2));
        Assert.Equal(new[] { new long[] { 4, 3 }, [1, 3] }, shapes);
        handle.remove();
        m.forward(ones(4, 2));
        Assert.Equal(2, shapes.Count);
    }

    [Fact]
    public void Sequential_supports_indexing_append_slices_and_names()
    {
        // PyTorch also has s["act"], s[-1] and s[2] = layer; TorchSharp's Sequential has a read-only int indexer
        // (non-negative) and slices by range.
        using var s = Sequential(("fc1", Linear(4, 8)), ("act", ReLU()));
        s.append("fc2", Linear(8, 1));
        Assert.Equal(3, s.Count);
        Assert.IsType<Linear>(s[2]);
        Assert.Equal(new[] { "fc1", "act", "fc2" }, s.named_children().Select(c => c.name));
        using var head = s[0..2];
        Assert.Equal(new long[] { 5, 8 }, head.forward(ones(5, 4)).shape);
        Assert.Equal(new long[] { 1, 8 }, s.state_dict()["fc2.weight"].shape);
    }

    [Fact]
    public void A_head_is_replaced_by_registering_the_new_one_under_the_old_name()
    {
        // The TorchSharp way to replace a child (assigning the field alone does not: ModuleDeviationTests):
        // unregister the name (register_module with null), assign the field, register the new module.
        using var m = new TwoLayer();
        m.register_module("fc", null!);
        m.fc = Linear(3, 5);
        m.register_module("fc", (Module)m.fc);
        Assert.Equal(new long[] { 5, 3 }, m.state_dict()["fc.weight"].shape);
        Assert.Equal(1 + 12 + 3 + 15 + 5, m.parameters().Sum(p => p.numel()));
        Assert.Equal(new long[] { 2, 5 }, ((Module<Tensor, Tensor>)m.fc).forward(ones(2, 3)).shape);
    }

    [Fact]
    public void Modules_own_their_parameters_across_dispose_scopes_and_free_them_on_dispose()
    {
        Linear l;
        using (NewDisposeScope())
        {
            l = Linear(3, 3);
            l.forward(ones(1, 3));
        }
        Assert.False(l.weight.IsInvalid);
        var w = l.weight;
        l.Dispose();
        Assert.True(w.IsInvalid);
    }

    [Fact]
    public void Forward_inside_a_dispose_scope_leaves_nothing_behind()
    {
        using var m = Nets.Cifar2();
        using var x = rand(2, 3, 32, 32);
        using var scope = NewDisposeScope();
        var before = scope.DisposablesCount;
        m.forward(x).Dispose();
        Assert.Equal(before, scope.DisposablesCount);
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.TorchSharp.Tests.NN;

/// <summary>Module infrastructure: registration, enumeration, state_dict, modes, freezing, replacing heads, hooks, disposal.</summary>
public class ModuleTests
{
    private sealed class TwoLayer : Module<Tensor, Tensor>
    {
        public Module<Tensor, Tensor> fc1 = Linear(4, 3);
        public Module<Tensor, Tensor> fc { get; set; } = Linear(3, 2);
        private readonly Parameter scale = Parameter(ones(1));
        private readonly Tensor offset = zeros(2);
        private readonly int notAComponent = 3;

        public TwoLayer() : base("TwoLayer") => RegisterComponents();

        public override Tensor forward(Tensor x) => fc.forward(fc1.forward(x).relu()) * scale + offset + notAComponent * 0;
    }

    [Fact]
    public void RegisterComponents_finds_modules_parameters_and_buffers_by_field_name()
    {
        using var m = new TwoLayer();
        Assert.Equal(new[] { "scale", "fc1.weight", "fc1.bias", "fc.weight", "fc.bias" }, m.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "offset" }, m.named_buffers().Select(b => b.name));
        Assert.Equal(new[] { "fc1", "fc" }, m.named_children().Select(c => c.name));
        Assert.Equal(new[] { "", "fc1", "fc" }, m.named_modules().Select(c => c.name));
        Assert.Equal(new[] { "scale", "offset", "fc1.weight", "fc1.bias", "fc.weight", "fc.bias" }, m.state_dict().Keys);
        Assert.All(m.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Replacing_a_head_updates_parameters_state_dict_and_repr()
    {
        using var m = new TwoLayer();
        var old = m.fc;
        m.fc = Linear(3, 5);
        Assert.Equal(new long[] { 5, 3 }, m.state_dict()["fc.weight"].shape);
        Assert.Contains("(fc): Linear(in_features=3, out_features=5, bias=True)", m.ToString());
        Assert.Equal(5 + 15 + 12 + 3 + 1, m.parameters().Sum(p => p.numel()));
        old.Dispose();
        Assert.Equal(new long[] { 2, 5 }, ((Module<Tensor, Tensor>)m.get_submodule("fc")!).forward(ones(2, 3)).shape);
    }

    private sealed class LateHead : Module<Tensor, Tensor>
    {
        public Module<Tensor, Tensor> body = Linear(2, 2);
        public Module<Tensor, Tensor>? head;
        public LateHead() : base(nameof(LateHead)) => RegisterComponents();
        public override Tensor forward(Tensor x) => head!.forward(body.forward(x));
    }

    [Fact]
    public void A_module_field_left_null_is_picked_up_when_assigned_later()
    {
        using var m = new LateHead();
        Assert.Equal("LateHead(\n  (body): Linear(in_features=2, out_features=2, bias=True)\n  (head): None\n)", m.ToString());
        Assert.Equal(new[] { "body.weight", "body.bias" }, m.state_dict().Keys);
        m.head = Linear(2, 1);
        Assert.Equal(new[] { "body.weight", "body.bias", "head.weight", "head.bias" }, m.state_dict().Keys);
        Assert.Equal(new long[] { 3, 1 }, m.forward(ones(3, 2)).shape);
    }

    [Fact]
    public void Freezing_with_requires_grad_false_leaves_only_the_head_trainable()
    {
        using var m = new TwoLayer();
        foreach (var p in m.parameters()) p.requires_grad = false;
        m.fc = Linear(3, 2);
        var trainable = m.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToArray();
        Assert.Equal(new[] { "fc.weight", "fc.bias" }, trainable);
        m.forward(ones(1, 4)).sum().backward();
        Assert.Null(m.get_submodule("fc1")!.get_parameter("weight")!.grad);
        Assert.NotNull(m.get_submodule("fc")!.get_parameter("weight")!.grad);
    }

    [Fact]
    public void Load_state_dict_copies_values_and_reports_problems_as_pytorch_does()
    {
        using var a = Sequential(Linear(3, 2), ReLU(), Linear(2, 1));
        using var b = Sequential(Linear(3, 2), ReLU(), Linear(2, 1));
        b.load_state_dict(a.state_dict());
        Assert.True(a.state_dict()["0.weight"].equal(b.state_dict()["0.weight"]));

        var bad = a.state_dict();
        bad.Remove("0.bias");
        bad["3.weight"] = zeros(1);
        bad["2.weight"] = zeros(1, 3);
        var e = Assert.Throws<InvalidOperationException>(() => b.load_state_dict(bad));
        Assert.Equal(NNGoldens.String("repr.json", "load_error/strict"), e.Message);
        var e2 = Assert.Throws<InvalidOperationException>(() => b.load_state_dict(bad, strict: false));
        Assert.Equal(NNGoldens.String("repr.json", "load_error/lenient"), e2.Message);

        bad.Remove("2.weight");
        var (missing, unexpected) = b.load_state_dict(bad, strict: false);
        Assert.Equal(new[] { "0.bias", "2.weight" }, missing);
        Assert.Equal(new[] { "3.weight" }, unexpected);
    }

    [Fact]
    public void State_dict_tensors_share_storage_but_not_the_graph()
    {
        using var l = Linear(2, 2);
        var sd = l.state_dict();
        Assert.False(sd["weight"].requires_grad);
        using (no_grad()) sd["weight"].fill_(3);
        Assert.Equal(3f, l.weight.detach().ToArray<float>()[0]);
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
        Assert.True(m.forward(x).equal(m[0].forward(x)));
        m.train();
        Assert.All(m.modules(), x => Assert.True(x.training));
    }

    [Fact]
    public void Apply_visits_children_first_then_the_module()
    {
        using var m = Sequential(("a", Linear(1, 1)), ("b", Sequential(ReLU())));
        var names = new List<string>();
        m.apply(x => names.Add(x.GetName()));
        Assert.Equal(new[] { "Linear", "ReLU", "Sequential", "Sequential" }, names);
    }

    [Fact]
    public void To_dtype_converts_floating_parameters_and_keeps_integer_buffers()
    {
        using var m = Sequential(Linear(2, 2), BatchNorm1d(2));
        var before = m.parameters().ToArray();
        m.to(ScalarType.Float64);
        Assert.All(m.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.Same(before[0], m.parameters().First());
        var bn = (BatchNorm)m[1];
        Assert.Equal(ScalarType.Float64, bn.running_mean!.dtype);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        Assert.Throws<ArgumentException>(() => m.to(ScalarType.Int32));
        m.to(CPU);
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
        Assert.Equal(new[] { 0f, 0f }, l.weight.grad!.ToArray<float>());
        l.zero_grad();
        Assert.Null(l.weight.grad);
    }

    [Fact]
    public void Forward_hooks_see_outputs_and_can_be_removed()
    {
        using var m = Sequential(Linear(2, 3), ReLU());
        var shapes = new List<long[]>();
        var lin = (Linear)m[0];
        var handle = lin.register_forward_hook((mod, input, output) => { shapes.Add(output.shape); return null; });
        m.forward(ones(4, 2));
        lin.forward(ones(1, 2));
        Assert.Equal(2, shapes.Count);
        Assert.Equal(new long[] { 4, 3 }, shapes[0]);
        handle.remove();
        m.forward(ones(4, 2));
        Assert.Equal(2, shapes.Count);
    }

    [Fact]
    public void Hooked_intermediate_outputs_stay_alive_after_Sequential_forward()
    {
        using var m = Sequential(Linear(2, 3), ReLU(), Linear(3, 1));
        Tensor? kept = null;
        ((Module<Tensor, Tensor>)m[0]).register_forward_hook((_, _, o) => { kept = o; return null; });
        m.forward(ones(1, 2));
        Assert.False(kept!.IsInvalid);
        Assert.Equal(new long[] { 1, 3 }, kept.shape);
    }

    [Fact]
    public void Sequential_supports_indexing_append_slice_and_names()
    {
        using var s = Sequential(("fc1", Linear(4, 8)), ("act", ReLU()));
        s.append("fc2", Linear(8, 1));
        Assert.Equal(3, s.Count);
        Assert.IsType<ReLU>(s["act"]);
        Assert.IsType<Linear>(s[-1]);
        Assert.Equal(new[] { "fc1", "act", "fc2" }, s.named_children().Select(c => c.name));
        using var head = s.slice(0, 2);
        Assert.Equal(new long[] { 5, 8 }, head.forward(ones(5, 4)).shape);
        s[2] = Linear(8, 2);
        Assert.Equal(new long[] { 5, 2 }, s.forward(ones(5, 4)).shape);
        Assert.Equal(new long[] { 2, 8 }, s.state_dict()["fc2.weight"].shape);
    }

    [Fact]
    public void ModuleList_and_ModuleDict_register_their_items()
    {
        using var list = ModuleList<Linear>(Linear(2, 2), Linear(2, 2));
        list.append(Linear(2, 1));
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias" }, list.state_dict().Keys);
        using var dict = ModuleDict(("enc", (Module)Linear(2, 2)));
        dict["dec"] = Linear(2, 3);
        Assert.Equal(new[] { "enc", "dec" }, dict.keys());
        Assert.Equal(new[] { "enc.weight", "enc.bias", "dec.weight", "dec.bias" }, dict.state_dict().Keys);
    }

    [Fact]
    public void Registration_rejects_bad_names_and_kinds()
    {
        using var l = Linear(1, 1);
        Assert.Throws<ArgumentException>(() => l.register_parameter("a.b", Parameter(ones(1))));
        Assert.Throws<ArgumentException>(() => l.register_module("", Linear(1, 1)));
        Assert.Throws<ArgumentException>(() => l.register_buffer("weight", ones(1)));
        Assert.Throws<ArgumentException>(() => l.register_buffer("p", Parameter(ones(1))));
        Assert.Throws<ArgumentException>(() => l.get_submodule("nothing"));
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
        var x = rand(2, 3, 32, 32);
        using var scope = NewDisposeScope();
        var before = scope.DisposablesCount;
        m.forward(x).Dispose();
        Assert.Equal(before, scope.DisposablesCount);
    }

    [Fact]
    public void Parameter_shares_storage_and_requires_grad()
    {
        var data = zeros(2);
        using var p = Parameter(data);
        Assert.True(p.requires_grad);
        Assert.True(p.is_leaf);
        data.fill_(2);
        Assert.Equal(new[] { 2f, 2f }, p.detach().ToArray<float>());
        using var frozen = Parameter(data, requires_grad: false);
        Assert.False(frozen.requires_grad);
        Assert.StartsWith("Parameter containing:\ntensor([2., 2.]", frozen.ToString());
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Parity.Tests.Deviations;

/// <summary>Where TorchSharp 0.107's modules differ from PyTorch's (convention: see TensorDeviationTests).</summary>
public class ModuleDeviationTests
{
    private sealed class Net : Module<Tensor, Tensor>
    {
        public Module<Tensor, Tensor> body = Linear(3, 3);
        public Module<Tensor, Tensor> head = Linear(3, 2);
        public Module<Tensor, Tensor> Extra { get; set; } = Linear(3, 1);
        public ModuleList<Linear> blocks = ModuleList(Linear(2, 2));

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor x) => head.forward(body.forward(x));
    }

    [Fact]
    public void Assigning_a_new_module_to_a_field_does_not_register_it()
    {
        // PyTorch: model.head = nn.Linear(3, 5) replaces the child: parameters(), state_dict() and an optimizer made
        // afterwards see the new head. TorchSharp registers fields once, in RegisterComponents: after the assignment
        // forward uses the new head, but parameters() and state_dict() still hold the old one, and register_module
        // refuses a taken name. Unregister first: register_module("head", null), then register the new head
        // (ModuleBehaviourTests).
        using var m = new Net();
        m.head = Linear(3, 5);
        Assert.Equal(new long[] { 2, 3 }, m.state_dict()["head.weight"].shape);
        Assert.Equal(new long[] { 1, 5 }, m.forward(ones(1, 3)).shape);
        Assert.DoesNotContain(m.parameters(), p => p.shape.SequenceEqual(new long[] { 5, 3 }));
        var e = Assert.Throws<InvalidOperationException>(() => m.register_module("head", (Module)m.head));
        Assert.Equal("Sub-module head is already registered.", e.Message);
    }

    [Fact]
    public void An_auto_property_registers_under_its_backing_field_name()
    {
        // PyTorch names a child by its attribute: "Extra.weight". TorchSharp's RegisterComponents reads fields, so an
        // auto-property's child is "<Extra>k__BackingField": use fields for modules, parameters and buffers.
        using var m = new Net();
        Assert.Contains("<Extra>k__BackingField.weight", m.state_dict().Keys);
    }

    [Fact]
    public void ModuleList_append_after_registration_is_not_registered()
    {
        // PyTorch: self.blocks.append(layer) adds "blocks.1.weight". TorchSharp: the list registered its items when the
        // parent called RegisterComponents; later appends are not in state_dict. A ModuleList or ModuleDict on its own
        // has an empty state_dict.
        using var m = new Net();
        m.blocks.append(Linear(2, 2));
        Assert.Equal(new[] { "blocks.0.weight", "blocks.0.bias" }, m.state_dict().Keys.Where(k => k.StartsWith("blocks.")));
        using var alone = ModuleList(Linear(2, 2));
        Assert.Empty(alone.state_dict());
    }

    [Fact]
    public void Converting_a_module_replaces_its_parameters_so_an_earlier_optimizer_breaks()
    {
        // PyTorch: model.to(torch.float64) converts the parameters in place (same Parameter objects); an optimizer made
        // before keeps working. TorchSharp makes new Parameters and disposes the old ones: the optimizer's step fails
        // with a bare KeyNotFoundException. Make the optimizer after moving or converting the model.
        using var m = Sequential(Linear(2, 2));
        var before = m.parameters().First();
        using var opt = optim.SGD(m.parameters(), 0.1);
        m.to(ScalarType.Float64);
        Assert.True(before.IsInvalid);
        m.forward(ones([3, 2], ScalarType.Float64)).sum().backward();
        Assert.Throws<KeyNotFoundException>(() => opt.step());
    }

    [Fact]
    public void Parameter_takes_over_the_tensor()
    {
        // PyTorch: nn.Parameter(t) shares t's storage and t stays usable. TorchSharp: the Parameter takes t's native
        // handle and t is left invalid.
        var data = zeros(2);
        using var p = Parameter(data);
        Assert.True(data.IsInvalid);
        Assert.True(p.requires_grad);
    }

    [Fact]
    public void State_dict_tensors_still_require_grad()
    {
        // PyTorch: state_dict() values are detached (requires_grad False). TorchSharp's are the parameters themselves.
        using var l = Linear(2, 2);
        Assert.True(l.state_dict()["weight"].requires_grad);
    }

    [Fact]
    public void Load_state_dict_says_only_that_the_keys_differ()
    {
        // PyTorch: 'Error(s) in loading state_dict for Sequential: Missing key(s) in state_dict: "0.bias".'
        using var a = Sequential(Linear(3, 2));
        using var b = Sequential(Linear(3, 2));
        var sd = a.state_dict();
        sd.Remove("0.bias");
        var e = Assert.Throws<InvalidOperationException>(() => b.load_state_dict(sd));
        Assert.Equal("The loaded state_dict is not identical to the target dictionary.", e.Message);
    }

    [Fact]
    public void Sequential_forward_disposes_what_a_hook_kept()
    {
        // PyTorch: a forward hook can keep a layer's output (feature maps, activations) for after the forward pass.
        // TorchSharp's Sequential.forward disposes intermediate outputs: keep output.detach().clone() ... and move it out
        // of any dispose scope (MoveToOuterDisposeScope / DetachFromDisposeScope).
        using var m = Sequential(Linear(2, 3), ReLU(), Linear(3, 1));
        Tensor? kept = null;
        ((Linear)m[0]).register_forward_hook((_, _, o) => { kept = o; return null; });
        m.forward(ones(1, 2));
        Assert.True(kept!.IsInvalid);
    }

    [Fact]
    public void Checks_that_pytorch_makes_when_a_layer_is_built_and_torchsharp_does_not()
    {
        // PyTorch: Dropout(1.5) -> "dropout probability has to be between 0 and 1, but got 1.5"; Conv2d(3, 6, 3, groups=2)
        // -> "in_channels must be divisible by groups". TorchSharp builds both (the convolution fails when it runs).
        using var dropout = Dropout(1.5);
        using var conv = Conv2d(3, 6, 3, groups: 2);
        Assert.NotNull(dropout);
        Assert.Equal(new long[] { 6, 1, 3, 3 }, conv.weight!.shape);
        // PyTorch: Sequential's class name "Sequential"; TorchSharp's GetName() gives libtorch's "torch::nn::SequentialImpl".
        using var s = Sequential(ReLU());
        Assert.Equal("torch::nn::SequentialImpl", s.GetName());
    }

    [Fact]
    public void LSTM_needs_a_batch_dimension()
    {
        // PyTorch (1.11+): nn.LSTM accepts an unbatched (L, H_in) input. libtorch's C++ LSTM, which TorchSharp runs, does not.
        using var lstm = LSTM(3, 4);
        Assert.StartsWith("input must have 3 dimensions, got 2", Assert.ThrowsAny<Exception>(() => lstm.forward(ones(7, 3))).Message);
    }
}

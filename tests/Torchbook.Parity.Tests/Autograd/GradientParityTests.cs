using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Autograd;

/// <summary>
/// Gradients against PyTorch's (goldens/tensor/grads.json, tests/parity/make_tensor_goldens.py).
/// Tolerance: losses rtol 1e-6; gradients of the two-layer net rtol 1e-5, atol 1e-7 (matmul and tanh
/// backward through MKL in 2.10, plain loops in Debian's 1.13); element-wise gradients exact.
/// </summary>
[Collection("libtorch global state")]
public class GradientParityTests
{
    private const string File = "tensor/grads.json";

    [Fact]
    public void Gradients_of_a_small_network_match_pytorch()
    {
        using var scope = NewDisposeScope();
        Tensor G(string k) => Goldens.Tensor(File, "net/" + k);
        var x = G("x");
        var y = G("y");
        var w1 = G("w1").requires_grad_();
        var b1 = G("b1").requires_grad_();
        var w2 = G("w2").requires_grad_();
        var h = (x.matmul(w1) + b1).tanh();
        var logits = h.matmul(w2);
        var loss = -logits.log_softmax(1).gather(1, y.unsqueeze(1)).mean();
        loss.backward();
        Goldens.AssertMatches(File, "net/loss", loss, rtol: 1e-6);
        Goldens.AssertMatches(File, "net/w1.grad", w1.grad!, rtol: 1e-5, atol: 1e-7);
        Goldens.AssertMatches(File, "net/b1.grad", b1.grad!, rtol: 1e-5, atol: 1e-7);
        Goldens.AssertMatches(File, "net/w2.grad", w2.grad!, rtol: 1e-5, atol: 1e-7);
    }

    [Fact]
    public void Binary_cross_entropy_by_hand_matches_pytorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        var x = ones(5);
        var y = zeros(3);
        var w = randn([5, 3], requires_grad: true);
        var b = randn([3], requires_grad: true);
        Goldens.AssertMatches(File, "bce/w", w);
        Goldens.AssertMatches(File, "bce/b", b);
        var p = (x.matmul(w) + b).sigmoid();
        var loss = -(y * p.log() + (1 - y) * (1 - p).log()).mean();
        loss.backward();
        Goldens.AssertMatches(File, "bce/loss", loss, rtol: 1e-6);
        Goldens.AssertMatches(File, "bce/w.grad", w.grad!, rtol: 1e-6);
        Goldens.AssertMatches(File, "bce/b.grad", b.grad!, rtol: 1e-6);
    }

    [Fact]
    public void Backward_of_a_non_scalar_output_takes_a_gradient()
    {
        using var scope = NewDisposeScope();
        var v = tensor(new[] { 1f, 2f, 3f }, requires_grad: true);
        var o = v * v * 2;
        Assert.Contains("grad can be implicitly created only for scalar outputs", Assert.ThrowsAny<Exception>(() => o.backward()).Message);
        // PyTorch: o.backward(gradient). TorchSharp takes a list: backward(grad_tensors: [gradient]).
        o.backward([tensor(new[] { 1f, 0.1f, 0.01f })]);
        Goldens.AssertMatches(File, "vjp/v.grad", v.grad!);
    }

    [Fact]
    public void Autograd_grad_returns_gradients_without_touching_dot_grad()
    {
        using var scope = NewDisposeScope();
        var u = tensor(new[] { 0.5f, -1f }, requires_grad: true);
        var g = torch.autograd.grad([u.pow(3).sum()], [u]);
        Goldens.AssertMatches(File, "autograd.grad/u3", g[0]);
        Assert.Null(u.grad);
    }

    [Fact] // TorchSharp lets this error escape its native code; the guard library (lib/Torchbook.Natives) catches it
    public void Autograd_grad_of_an_unused_input_is_an_error()
    {
        using var scope = NewDisposeScope();
        var u = tensor(new[] { 0.5f, -1f }, requires_grad: true);
        var unused = tensor(new[] { 1f }, requires_grad: true);
        Assert.Contains("appears to not have been used in the graph", Assert.ThrowsAny<Exception>(() => torch.autograd.grad([u.sum()], [unused])).Message);
    }
}

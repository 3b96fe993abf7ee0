using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

[Collection("libtorch global state")]
public class AutogradTests
{
    [Fact]
    public void Gradients_of_a_small_network_match_pytorch()
    {
        Tensor G(string k) => Goldens.Tensor("grads.json", "net/" + k);
        var x = G("x"); var y = G("y");
        var w1 = G("w1").requires_grad_(); var b1 = G("b1").requires_grad_(); var w2 = G("w2").requires_grad_();
        var h = (x.matmul(w1) + b1).tanh();
        var logits = h.matmul(w2);
        var loss = -logits.log_softmax(1).gather(1, y.unsqueeze(1)).mean();
        loss.backward();
        Goldens.AssertMatches("grads.json", "net/loss", loss, rtol: 1e-6);
        Goldens.AssertMatches("grads.json", "net/w1.grad", w1.grad!, rtol: 1e-5, atol: 1e-7);
        Goldens.AssertMatches("grads.json", "net/b1.grad", b1.grad!, rtol: 1e-5, atol: 1e-7);
        Goldens.AssertMatches("grads.json", "net/w2.grad", w2.grad!, rtol: 1e-5, atol: 1e-7);
    }

    [Fact]
    public void Binary_cross_entropy_by_hand_matches_pytorch()
    {
        manual_seed(0);
        var x = ones(5);
        var y = zeros(3);
        var w = randn(5, 3, requires_grad: true);
        var b = randn(3, requires_grad: true);
        Goldens.AssertMatches("grads.json", "bce/w", w);
        var p = (x.matmul(w) + b).sigmoid();
        var loss = -(y * p.log() + (1 - y) * (1 - p).log()).mean();
        loss.backward();
        Goldens.AssertMatches("grads.json", "bce/loss", loss, rtol: 1e-6);
        Goldens.AssertMatches("grads.json", "bce/w.grad", w.grad!, rtol: 1e-6);
        Goldens.AssertMatches("grads.json", "bce/b.grad", b.grad!, rtol: 1e-6);
    }

    [Fact]
    public void Backward_takes_a_gradient_for_non_scalar_outputs()
    {
        var v = tensor(new[] { 1f, 2f, 3f }, requires_grad: true);
        var o = v * v * 2;
        var ex = Assert.Throws<TorchException>(() => o.backward());
        Assert.Contains("scalar outputs", ex.Message);
        o.backward(tensor(new[] { 1f, 0.1f, 0.01f }));
        Goldens.AssertMatches("grads.json", "vjp/v.grad", v.grad!);
    }

    [Fact]
    public void Autograd_grad_returns_gradients_without_touching_dot_grad()
    {
        var u = tensor(new[] { 0.5f, -1f }, requires_grad: true);
        var g = autograd.grad([u.pow(3).sum()], [u]);
        Goldens.AssertMatches("grads.json", "autograd.grad/u3", g[0]!);
        Assert.Null(u.grad);
        var unused = tensor(new[] { 1f }, requires_grad: true);
        Assert.Throws<TorchException>(() => autograd.grad([u.sum()], [unused]));
        Assert.Null(autograd.grad([u.sum()], [unused], allow_unused: true)[0]);
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed()
    {
        var w = tensor(new[] { 2f }, requires_grad: true);
        (w * 3).sum().backward();
        (w * 3).sum().backward();
        Assert.Equal(6f, w.grad!.item<float>());
        w.grad!.zero_();
        (w * 3).sum().backward();
        Assert.Equal(3f, w.grad!.item<float>());
        w.grad = null;
        Assert.Null(w.grad);
    }

    [Fact]
    public void Graph_is_freed_after_backward_unless_retained()
    {
        var w = tensor(new[] { 2f }, requires_grad: true);
        var y = (w * w).sum();
        y.backward(retain_graph: true);
        y.backward();
        Assert.Equal(8f, w.grad!.item<float>());
        var ex = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("second time", ex.Message);
    }

    [Fact]
    public void No_grad_enable_grad_and_set_grad_enabled_scope_recording()
    {
        var w = ones(2, requires_grad: true);
        Assert.True(is_grad_enabled());
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            var y = w * 2;
            Assert.False(y.requires_grad);
            Assert.Null(y.grad_fn);
            using (enable_grad())
                Assert.True((w * 2).requires_grad);
        }
        Assert.True(is_grad_enabled());
        using (set_grad_enabled(false)) Assert.False((w + 1).requires_grad);
        Assert.True((w + 1).requires_grad);
    }

    [Fact]
    public void Detach_cuts_the_graph_and_shares_data()
    {
        var w = ones(2, requires_grad: true);
        var y = w * 2;
        var d = y.detach();
        Assert.False(d.requires_grad);
        Assert.True(d.is_leaf);
        d[0] = 5;
        Assert.Equal(5f, y[0].item<float>());
    }

    [Fact]
    public void Leaves_and_non_leaves_behave_as_in_pytorch()
    {
        var w = ones(2, requires_grad: true);
        var y = w * 2;
        var z = y.sum();
        Assert.True(w.is_leaf);
        Assert.False(y.is_leaf);
        Assert.True(zeros(2).is_leaf);
        y.retain_grad();
        z.backward();
        Assert.Equal(new[] { 1f, 1f }, y.grad!.ToArray<float>());
        Assert.Equal(new[] { 2f, 2f }, w.grad!.ToArray<float>());
    }

    [Fact]
    public void Grad_fn_names_and_chain_match_pytorch()
    {
        var g = Goldens.File("grad_fn.json");
        var x = ones(2, 2, requires_grad: true);
        var y = x + 2;
        var z = y * y * 3;
        var o = z.mean();
        Assert.Equal(g.GetProperty("y").GetString(), y.grad_fn!.name());
        Assert.Equal(g.GetProperty("z").GetString(), z.grad_fn!.name());
        Assert.Equal(g.GetProperty("out").GetString(), o.grad_fn!.name());
        Assert.Equal(g.GetProperty("relu").GetString(), relu(x).grad_fn!.name());
        Assert.Equal(g.GetProperty("matmul").GetString(), x.matmul(x).grad_fn!.name());
        Assert.Equal(g.GetProperty("view").GetString(), x.view(4).grad_fn!.name());
        Assert.Equal(g.GetProperty("sigmoid").GetString(), x.sigmoid().grad_fn!.name());
        Assert.Equal(g.GetProperty("index").GetString(), x[0].grad_fn!.name());
        var chain = new List<string>();
        var node = o.grad_fn;
        while (node is not null)
        {
            chain.Add(node.name());
            node = node.next_functions.Select(n => n.function).FirstOrDefault(f => f is not null);
        }
        Assert.Equal(g.GetProperty("chain").EnumerateArray().Select(e => e.GetString()!), chain);
        Assert.Equal("<AccumulateGrad object>", o.grad_fn!.next_functions[0].function!.next_functions[0].function!.next_functions[0].function!.next_functions[0].function!.ToString());
    }

    [Fact]
    public void Accumulate_grad_nodes_lead_to_their_leaf()
    {
        var w = ones(3, requires_grad: true);
        var y = (w * 2).sum();
        var acc = y.grad_fn!.next_functions[0].function!.next_functions[0].function!;
        Assert.EndsWith("AccumulateGrad", acc.name());
        Assert.True(acc.variable!.equal(w));
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Autograd;

/// <summary>What chapter 2 teaches about autograd, as PyTorch does it (exact: small integers and halves).</summary>
public class AutogradBehaviourTests
{
    [Fact]
    public void Gradients_accumulate_until_zeroed()
    {
        using var scope = NewDisposeScope();
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
    public void The_graph_is_freed_after_backward_unless_retained()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new[] { 2f }, requires_grad: true);
        var y = (w * w).sum();
        y.backward(retain_graph: true);
        y.backward();
        Assert.Equal(8f, w.grad!.item<float>());
        var e = Assert.ThrowsAny<Exception>(() => y.backward());
        Assert.Contains("Trying to backward through the graph a second time", e.Message);
    }

    [Fact]
    public void No_grad_enable_grad_and_set_grad_enabled_scope_recording()
    {
        using var scope = NewDisposeScope();
        var w = ones([2], requires_grad: true);
        Assert.True(is_grad_enabled());
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((w * 2).requires_grad);
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
        using var scope = NewDisposeScope();
        var w = ones([2], requires_grad: true);
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
        using var scope = NewDisposeScope();
        var w = ones([2], requires_grad: true);
        var y = w * 2;
        var z = y.sum();
        Assert.True(w.is_leaf);
        Assert.False(y.is_leaf);
        Assert.True(zeros(2).is_leaf);
        y.retain_grad();
        z.backward();
        Assert.Equal(new[] { 1f, 1f }, y.grad!.data<float>().ToArray());
        Assert.Equal(new[] { 2f, 2f }, w.grad!.data<float>().ToArray());
    }
}

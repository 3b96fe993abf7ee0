using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Deviations;

/// <summary>Where TorchSharp 0.107's autograd API lacks what PyTorch has (convention: see TensorDeviationTests).</summary>
public class AutogradDeviationTests
{
    [Fact]
    [Trait("golden", "tensor/grad_fn.json")]
    public void Tensors_have_no_grad_fn()
    {
        // PyTorch: (x + 2).grad_fn is <AddBackward0>, with name() and next_functions down to AccumulateGrad
        // (goldens/tensor/grad_fn.json: AddBackward0, MulBackward0, MeanBackward0, MmBackward0, ViewBackward0,
        // SelectBackward0, ...). TorchSharp's Tensor has no grad_fn (nor any node type): chapter 2's graph
        // cannot be read from TorchSharp.
        Assert.Equal("AddBackward0", Goldens.String("tensor/grad_fn.json", "y"));
        Assert.Null(typeof(Tensor).GetProperty("grad_fn"));
        Assert.Null(typeof(Tensor).GetMethod("grad_fn"));
        Assert.DoesNotContain(typeof(Tensor).Assembly.GetExportedTypes(), t => t.Name.Contains("Node") && t.Namespace == "TorchSharp");
    }

    [Fact]
    public void Autograd_grad_gives_an_empty_tensor_for_an_unused_input()
    {
        using var scope = NewDisposeScope();
        // PyTorch: torch.autograd.grad(..., allow_unused=True) gives None for an input the output does not use.
        // TorchSharp gives a Tensor without a native handle: IsInvalid is true and any use throws.
        var u = tensor(new[] { 0.5f, -1f }, requires_grad: true);
        var unused = tensor(new[] { 1f }, requires_grad: true);
        var g = torch.autograd.grad([u.sum()], [unused], allow_unused: true)[0];
        Assert.NotNull(g);
        Assert.True(g.IsInvalid);
        Assert.Contains("Tensor invalid -- empty handle", Assert.Throws<InvalidOperationException>(() => g.numel()).Message);
    }
}

using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace Torchbook.Parity.Tests.Errors;

/// <summary>
/// A learner's mistake gives a .NET exception whose message starts with libtorch's own words (what PyTorch shows),
/// and the process goes on: the guard library (lib/Torchbook.Natives) turns libtorch errors that TorchSharp lets
/// escape into exceptions. TorchSharp's message is libtorch's what(): the text, then "Exception raised from ..."
/// and the C++ frames (PyTorch shows the text alone).
/// </summary>
public class LearnerMistakeTests
{
    private static readonly Dictionary<string, (Action mistake, string message)> Mistakes = new()
    {
        ["broadcast"] = (() => _ = ones(3) + ones(4), "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0"),
        ["view"] = (() => ones(2, 3).view(4), "shape '[4]' is invalid for input of size 6"),
        ["reshape"] = (() => ones(6).reshape(4, 2), "shape '[4, 2]' is invalid for input of size 6"),
        ["cat"] = (() => cat([ones(2, 3), ones(2, 4)], 0), "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list."),
        ["stack"] = (() => stack([ones(2, 3), ones(2, 4)]), "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1"),
        ["expand"] = (() => ones(2, 3).expand(4, 3), "The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 0."),
        ["transpose_dim"] = (() => ones(2, 3).transpose(0, 2), "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
        ["mm"] = (() => ones(2, 3).mm(ones(2, 3)), "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
        ["bmm"] = (() => bmm(ones(2, 2, 3), ones(2, 2, 3)), "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 2]."),
        ["matmul_2d"] = (() => zeros(64, 8).matmul(zeros(512, 32)), "mat1 and mat2 shapes cannot be multiplied (64x8 and 512x32)"),
        ["matmul_1d"] = (() => ones(3).matmul(ones(4)), "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively"),
        ["matmul_matrix_vector"] = (() => ones(2, 3).matmul(ones(4)), "size mismatch, got input (2), mat (2x3), vec (4)"),
        ["mm_dtypes"] = (() => ones(2, 2).mm(ones(2, 2, dtype: float64)), "expected m1 and m2 to have the same dtype, but got: float != double"),
        ["linear_width"] = (() => Linear(784, 10).forward(ones(2, 28, 28)), "mat1 and mat2 shapes cannot be multiplied (56x28 and 784x10)"),
        ["conv2d_channels"] = (() => F.conv2d(ones(1, 1, 8, 8), ones(6, 3, 3, 3)), "Given groups=1, weight of size [6, 3, 3, 3], expected input[1, 1, 8, 8] to have 3 channels, but got 1 channels instead"),
        ["maxpool_padding"] = (() => MaxPool2d(2, padding: 2).forward(ones(1, 1, 4, 4)), "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"),
        ["cross_entropy_float_target"] = (() => F.cross_entropy(ones(5, 4), zeros(5)), "expected scalar type Long but found Float"),
        ["cross_entropy_target_range"] = (() => F.cross_entropy(ones(5, 4), tensor(new long[] { 0, 4, 1, 1, 2 })), "Target 4 is out of bounds."),
        ["cross_entropy_batch"] = (() => F.cross_entropy(ones(5, 4), tensor(new long[] { 0, 1 })), "Expected input batch_size (5) to match target batch_size (2)."),
        ["nll_target_range"] = (() => F.nll_loss(ones(5, 4), tensor(new long[] { 0, 9, 1, 1, 2 })), "Target 9 is out of bounds."),
        ["bce_target_size"] = (() => F.binary_cross_entropy(full(new long[] { 3, 4 }, 0.5), zeros(3)), "Using a target size ([3]) that is different to the input size ([3, 4]) is deprecated. Please ensure they have the same size."),
        ["bce_logits_target_size"] = (() => F.binary_cross_entropy_with_logits(ones(3, 4), zeros(4, 3)), "Target size ([4, 3]) must be the same as input size ([3, 4])"),
        ["lstm_input_size"] = (() => LSTM(3, 4).forward(ones(5, 7, 2)), "input.size(-1) must be equal to input_size. Expected 3, got 2"),
        ["embedding_index"] = (() => Embedding(5, 2).forward(tensor(new long[] { 1, 5 })), "index out of range in self"),
        ["embedding_float_index"] = (() => Embedding(5, 2).forward(tensor(new[] { 1f })), "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got CPUFloatType instead"),
        ["index"] = (() => ones(3)[5].Dispose(), "select(): index 5 out of range for tensor of size [3] at dimension 0"),
        ["gather_index"] = (() => ones(2, 3).gather(1, tensor(new long[,] { { 5 } })), "index 5 is out of bounds for dimension 1 with size 3"),
        ["mean_of_integers"] = (() => ones(2, dtype: int64).mean(), "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long"),
        ["backward_twice"] = (() => { var w = ones([1], requires_grad: true); var y = (w * w).sum(); y.backward(); y.backward(); },
            "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed)."),
        ["backward_without_grad"] = (() => ones(2).sum().backward(), "element 0 of tensors does not require grad and does not have a grad_fn"),
        ["in_place_on_a_leaf"] = (() => ones([2], requires_grad: true).add_(1), "a leaf Variable that requires grad is being used in an in-place operation."),
        ["load_missing_file"] = (() => load("/nonexistent/x.pt"), "open file failed because of errno 2 on fopen: No such file or directory, file path: /nonexistent/x.pt"),
    };

    public static IEnumerable<object[]> Names() => Mistakes.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void A_mistake_gives_libtorchs_message(string name)
    {
        using var scope = NewDisposeScope();
        var (mistake, message) = Mistakes[name];
        var e = Assert.ThrowsAny<Exception>(mistake);
        Assert.StartsWith(message, e.Message);
        // The process goes on, and so does libtorch on this thread.
        Assert.Equal(4f, (ones(2) + 1).sum().item<float>());
    }

    [Fact]
    public void The_message_carries_libtorchs_cpp_backtrace()
    {
        using var scope = NewDisposeScope();
        var e = Assert.ThrowsAny<Exception>(() => zeros(64, 8).matmul(zeros(512, 32)));
        Assert.IsType<System.Runtime.InteropServices.ExternalException>(e);
        Assert.Contains("\nException raised from ", e.Message);
    }

    [Fact]
    public void An_error_on_one_thread_does_not_leak_to_another()
    {
        using var scope = NewDisposeScope();
        Assert.ThrowsAny<Exception>(() => ones(2).view(3));
        var other = Task.Run(() =>
        {
            using var s = NewDisposeScope();
            return (ones(2) + 1).sum().item<float>();
        }).Result;
        Assert.Equal(4f, other);
    }

    [Fact]
    public void A_disposed_tensor_says_so()
    {
        var t = ones(2);
        t.Dispose();
        Assert.True(t.IsInvalid);
        Assert.Contains("Tensor invalid -- empty handle", Assert.Throws<InvalidOperationException>(() => t.sum()).Message);
    }
}

using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace Torchbook.Parity.Tests.NN;

/// <summary>
/// Every loss with every reduction against PyTorch 1.13 (goldens/nn/losses.json), as functions and as modules, and
/// libtorch's messages for wrong targets. Tolerance: rtol 1e-5, atol 1e-6 (gradient: atol 1e-7).
/// </summary>
[Collection("libtorch global state")]
public class LossParityTests
{
    private const string File = "nn/losses.json";

    private sealed record Inputs(Tensor logits, Tensor target, Tensor probs_target, Tensor weight, Tensor reg_in, Tensor reg_target,
        Tensor bin_logits, Tensor bin_target, Tensor pos_weight, Tensor seq_logits, Tensor seq_target);

    private static Inputs Draw()
    {
        manual_seed(30);
        var logits = randn(5, 4);
        var target = tensor(new long[] { 0, 3, 1, 1, 2 });
        var probs = randn(5, 4).softmax(1);
        var weight = tensor(new[] { 1.0f, 2.0f, 0.5f, 1.5f });
        var regIn = randn(3, 4);
        var regTarget = randn(3, 4);
        var binLogits = randn(3, 4);
        var binTarget = randint(0, 2, [3, 4]).to(ScalarType.Float32);
        var posWeight = tensor(new[] { 1.0f, 2.0f, 3.0f, 0.5f });
        var seqLogits = randn(2, 4, 3);
        var seqTarget = tensor(new long[] { 0, 1, 3, 2, 2, 1 }, [2, 3]);
        return new(logits, target, probs, weight, regIn, regTarget, binLogits, binTarget, posWeight, seqLogits, seqTarget);
    }

    public static IEnumerable<object[]> Reductions => [[Reduction.None], [Reduction.Mean], [Reduction.Sum]];

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Functional_losses_match(Reduction r)
    {
        var d = Draw();
        var n = r.ToString().ToLowerInvariant();
        void Check(string key, Tensor t) => Goldens.AssertMatches(File, $"{key}/{n}", t, rtol: 1e-5, atol: 1e-6);
        Check("ce", F.cross_entropy(d.logits, d.target, reduction: r));
        Check("ce_weight", F.cross_entropy(d.logits, d.target, weight: d.weight, reduction: r));
        Check("ce_ignore", F.cross_entropy(d.logits, d.target, ignore_index: 1, reduction: r));
        Check("ce_smooth", F.cross_entropy(d.logits, d.target, reduction: r, label_smoothing: 0.1));
        Check("ce_probs", F.cross_entropy(d.logits, d.probs_target, reduction: r));
        Check("ce_seq", F.cross_entropy(d.seq_logits, d.seq_target, reduction: r));
        Check("nll", F.nll_loss(F.log_softmax(d.logits, 1), d.target, weight: d.weight, reduction: r));
        Check("mse", F.mse_loss(d.reg_in, d.reg_target, r));
        Check("l1", F.l1_loss(d.reg_in, d.reg_target, r));
        Check("smoothl1", F.smooth_l1_loss(d.reg_in, d.reg_target, r, beta: 0.5));
        Check("bce", F.binary_cross_entropy(d.bin_logits.sigmoid(), d.bin_target, reduction: r));
        Check("bcelogits", F.binary_cross_entropy_with_logits(d.bin_logits, d.bin_target, reduction: r, pos_weights: d.pos_weight));
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Loss_modules_match(Reduction r)
    {
        var d = Draw();
        var n = r.ToString().ToLowerInvariant();
        void Check(string key, Tensor t) => Goldens.AssertMatches(File, $"{key}/{n}", t, rtol: 1e-5, atol: 1e-6);
        Check("ce", CrossEntropyLoss(reduction: r).forward(d.logits, d.target));
        Check("ce_weight", CrossEntropyLoss(weight: d.weight, reduction: r).forward(d.logits, d.target));
        Check("ce_ignore", CrossEntropyLoss(ignore_index: 1, reduction: r).forward(d.logits, d.target));
        // CrossEntropyLoss has no label_smoothing in TorchSharp (NNDeviationTests); F.cross_entropy has.
        Check("nll", NLLLoss(weight: d.weight, reduction: r).forward(F.log_softmax(d.logits, 1), d.target));
        Check("mse", MSELoss(r).forward(d.reg_in, d.reg_target));
        Check("l1", L1Loss(r).forward(d.reg_in, d.reg_target));
        Check("smoothl1", SmoothL1Loss(r, beta: 0.5).forward(d.reg_in, d.reg_target));
        Check("bce", BCELoss(reduction: r).forward(d.bin_logits.sigmoid(), d.bin_target));
        Check("bcelogits", BCEWithLogitsLoss(reduction: r, pos_weights: d.pos_weight).call(d.bin_logits, d.bin_target));
    }

    [Fact]
    public void Cross_entropy_gradient_matches()
    {
        var d = Draw();
        var x = d.logits.clone().requires_grad_();
        F.cross_entropy(x, d.target).backward();
        Goldens.AssertMatches(File, "ce/grad", x.grad!, rtol: 1e-5, atol: 1e-7);
    }

    [Fact]
    public void Wrong_targets_and_shapes_give_pytorchs_messages()
    {
        var d = Draw();
        void Check(string key, Action a)
        {
            var e = Assert.ThrowsAny<Exception>(a);
            Assert.StartsWith(Goldens.String(File, "error/" + key), e.Message);
        }
        Check("ce_target_float", () => F.cross_entropy(d.logits, d.target.to(ScalarType.Float32)));
        Check("ce_target_out_of_range", () => F.cross_entropy(d.logits, tensor(new long[] { 0, 4, 1, 1, 2 })));
        Check("ce_batch_mismatch", () => F.cross_entropy(d.logits, tensor(new long[] { 0, 1 })));
        Check("linear_shape", () => F.linear(randn(2, 3), randn(4, 5)));
        Check("conv_channels", () => F.conv2d(randn(1, 2, 5, 5), randn(3, 4, 3, 3)));
    }
}

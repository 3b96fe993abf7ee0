using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.TensorIndex;

namespace Torchbook.TorchSharp.Tests;

/// <summary>Every op family against PyTorch's results on the same inputs (goldens/tensor/ops.json).</summary>
[Collection("libtorch global state")]
public class OpParityTests
{
    private static Tensor In(string name) => Goldens.Tensor("ops.json", "in/" + name);

    private static Dictionary<string, Func<Tensor>> Ops()
    {
        Tensor a = In("a"), b = In("b"), v = In("v"), m = In("m"), i = In("i");
        return new()
        {
            ["add"] = () => a + b, ["add_alpha"] = () => add(a, b, 2), ["add_scalar"] = () => a + 1.5, ["sub"] = () => a - b,
            ["rsub"] = () => 2 - a, ["mul"] = () => a * b, ["mul_scalar"] = () => a * 3, ["div"] = () => a / b,
            ["div_scalar"] = () => a / 4, ["rdiv"] = () => 1 / b,
            ["div_floor"] = () => a.div(b, RoundingMode.floor), ["div_trunc"] = () => a.div(b, RoundingMode.trunc),
            ["remainder"] = () => a % 0.7, ["pow_scalar"] = () => a.pow(2), ["pow_tensor"] = () => a.abs().pow(b), ["neg"] = () => -a,
            ["broadcast_add"] = () => a + v, ["broadcast_mul_col"] = () => a * tensor(new float[,] { { 1 }, { 2 }, { 3 } }),
            ["exp"] = () => a.exp(), ["log"] = () => a.abs().log(), ["sqrt"] = () => a.abs().sqrt(), ["sin"] = () => a.sin(),
            ["cos"] = () => a.cos(), ["tanh"] = () => a.tanh(), ["sigmoid"] = () => a.sigmoid(), ["relu"] = () => a.relu(),
            ["abs"] = () => a.abs(), ["floor"] = () => a.floor(), ["ceil"] = () => a.ceil(), ["round"] = () => (a * 10).round(),
            ["round_decimals"] = () => round(a, 2), ["clamp"] = () => a.clamp(-0.5, 0.5), ["clamp_min"] = () => a.clamp(min: 0),
            ["softmax1"] = () => a.softmax(1), ["log_softmax1"] = () => a.log_softmax(1), ["softmax0"] = () => a.softmax(0),
            ["eq"] = () => a.eq(b), ["gt"] = () => a > b, ["le_scalar"] = () => a <= 0, ["ne"] = () => a != b,
            ["sum"] = () => a.sum(), ["sum0"] = () => a.sum(0), ["sum1_keep"] = () => a.sum(1, keepdim: true), ["mean"] = () => a.mean(),
            ["mean1"] = () => a.mean(1), ["std"] = () => a.std(), ["std0"] = () => a.std(0), ["var_biased"] = () => a.var(unbiased: false),
            ["prod"] = () => a.prod(), ["max"] = () => a.max(), ["min"] = () => a.min(), ["argmax"] = () => a.argmax(),
            ["argmax1"] = () => a.argmax(1), ["argmin0"] = () => a.argmin(0), ["max1_values"] = () => a.max(1).values,
            ["max1_indices"] = () => a.max(1).indexes, ["min0_values"] = () => a.min(0).values, ["min0_indices"] = () => a.min(0).indexes,
            ["all"] = () => (a > -5).all(), ["any"] = () => (a > 2).any(), ["cumsum1"] = () => a.cumsum(1), ["norm"] = () => a.norm(),
            ["logsumexp1"] = () => a.logsumexp(1), ["matmul"] = () => a.matmul(m), ["mm"] = () => a.mm(m), ["matmul_mv"] = () => a.matmul(v),
            ["dot"] = () => v.dot(v), ["outer"] = () => v.outer(v[..3]), ["bmm"] = () => bmm(a.reshape(1, 3, 4), m.reshape(1, 4, 2)),
            ["t"] = () => a.t(), ["transpose"] = () => a.transpose(0, 1), ["permute"] = () => a.reshape(3, 2, 2).permute(2, 0, 1),
            ["view"] = () => a.view(4, 3), ["reshape_neg"] = () => a.reshape(-1, 6), ["flatten"] = () => a.reshape(3, 2, 2).flatten(1),
            ["unsqueeze"] = () => a.unsqueeze(1), ["squeeze"] = () => a.reshape(1, 3, 1, 4).squeeze(), ["expand"] = () => v.expand(2, 4),
            ["repeat"] = () => v.repeat(2, 1), ["cat0"] = () => cat([a, b], 0), ["cat1"] = () => cat([a, b], 1),
            ["stack"] = () => stack([a, b]), ["stack1"] = () => stack([a, b], 1), ["flip"] = () => a.flip(1),
            ["where"] = () => where(a > 0, a, b), ["masked_fill"] = () => a.masked_fill(a < 0, 0.0), ["masked_select"] = () => a[a > 0],
            ["gather"] = () => a.gather(1, i), ["index_select"] = () => a.index_select(1, tensor(new long[] { 3, 0 })),
            ["scatter_"] = () => zeros(3, 5).scatter_(1, tensor(new long[,] { { 1 }, { 4 }, { 0 } }), 1.0),
            ["scatter_add"] = () => zeros(3, 4).scatter_add(1, i, b), ["nonzero"] = () => (a > 0).nonzero(),
            ["topk_values"] = () => a.topk(2, 1).values, ["topk_indices"] = () => a.topk(2, 1).indexes,
            ["sort_values"] = () => a.sort(1).Values, ["sort_indices"] = () => a.sort(1).Indices,
            ["sort_desc_values"] = () => a.sort(0, descending: true).Values,
            ["unique"] = () => tensor(new long[] { 3, 1, 2, 3, 1, 5 }).unique().output, ["argsort"] = () => v.argsort(),
            ["tril"] = () => a.tril(), ["triu1"] = () => a.triu(1), ["linspace"] = () => linspace(0, 1, 5), ["arange"] = () => arange(5),
            ["arange_float"] = () => arange(0, 1, 0.25), ["eye"] = () => eye(3), ["full_int"] = () => full(2, 3),
            ["full_float"] = () => full(2, 3.5), ["to_int32"] = () => (a * 10).to(int32), ["to_uint8"] = () => (a.abs() * 50).to(uint8),
            ["to_half"] = () => a.half(), ["to_bfloat16"] = () => a.bfloat16(), ["to_double"] = () => a.@double(), ["to_bool"] = () => a.round().@bool(),
            ["int_div"] = () => tensor(new long[] { 7, -7, 5 }).div(2L, RoundingModeFloor), ["int_true_div"] = () => tensor(new long[] { 7, -7, 5 }) / 2,
            ["int_float_promote"] = () => tensor(new long[] { 1, 2, 3 }) * 0.5, ["einsum"] = () => einsum("ij,jk->ik", a, m),
            ["inplace_chain"] = () => a.clone().add_(1).mul_(2).clamp_(max: 3.0),
            ["index_assign"] = () =>
            {
                var y = a.clone();
                y[.., 1] = 0;
                y[0] = tensor(new[] { 9f, 8f, 7f, 6f });
                y[y < -1] = -1;
                return y;
            },
            ["index_row"] = () => a[1], ["index_col"] = () => a[.., 0], ["index_slice_step"] = () => a[Slice(null, null, 2), 1..3],
            ["index_ellipsis_none"] = () => a[Ellipsis, None, 2], ["index_neg"] = () => a[-1, -2], ["index_tensor"] = () => a[tensor(new long[] { 2, 0 })],
            ["index_pair"] = () => a[tensor(new long[] { 0, 2 }), tensor(new long[] { 1, 3 })],
            ["split_0"] = () => a.split(2, 1)[0], ["split_1"] = () => a.split(2, 1)[1], ["chunk_last"] = () => a.chunk(3, 0)[2],
        };
    }

    // PyTorch's `//` on integers floors.
    private static readonly RoundingMode RoundingModeFloor = RoundingMode.floor;

    public static IEnumerable<object[]> OpNames() => Goldens.Keys("ops.json", "op/").Select(k => new object[] { k[3..] });

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Matches_pytorch(string op)
    {
        var ops = Ops();
        Assert.True(ops.ContainsKey(op), $"no C# counterpart for golden op '{op}'");
        using var scope = NewDisposeScope();
        var reductions = new[] { "sum", "mean", "std", "var", "prod", "norm", "logsumexp", "cumsum", "matmul", "mm", "bmm", "dot", "einsum", "softmax", "log_softmax" };
        var tolerant = reductions.Any(r => op.StartsWith(r, StringComparison.Ordinal));
        Goldens.AssertMatches("ops.json", "op/" + op, ops[op](), rtol: tolerant ? 1e-6 : 0, atol: tolerant ? 1e-7 : 0);
    }

    [Fact]
    public void Every_op_has_a_golden()
    {
        var goldens = OpNames().Select(o => (string)o[0]).ToHashSet();
        Assert.Empty(Ops().Keys.Where(k => !goldens.Contains(k)));
    }
}

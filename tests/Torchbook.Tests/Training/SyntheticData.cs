using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Tests.Training;

/// <summary>Small seeded problems for the training helpers' tests.</summary>
internal static class SyntheticData
{
    /// <summary>Two Gaussian blobs in 2-D around (-2, -2) and (2, 2), labels 0 and 1: linearly separable (almost surely).</summary>
    public static (Tensor X, Tensor y) Blobs(int n, int seed)
    {
        using var g = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var y = randint(0, 2, [n], generator: g).to(ScalarType.Int64);
        var centers = y.to(ScalarType.Float32).mul(4).sub(2).unsqueeze(1).expand(n, 2);
        var X = randn([n, 2], generator: g).mul(0.7).add(centers);
        return (X.DetachFromDisposeScope(), y.DetachFromDisposeScope());
    }

    public static Module<Tensor, Tensor> Mlp(int seed)
    {
        manual_seed(seed);
        return Sequential(Linear(2, 16), ReLU(), Linear(16, 2));
    }

    /// <summary>A list of (X, y) batches (the list owns nothing: the tensors are views of X and y).</summary>
    public static List<(Tensor, Tensor)> Batches(Tensor X, Tensor y, int batch_size)
    {
        var list = new List<(Tensor, Tensor)>();
        long n = X.shape[0];
        for (long s = 0; s < n; s += batch_size)
        {
            long len = Math.Min(batch_size, n - s);
            list.Add((X.narrow(0, s, len).DetachFromDisposeScope(), y.narrow(0, s, len).DetachFromDisposeScope()));
        }
        return list;
    }

    public static bool SameWeights(Module a, Module b)
    {
        var sa = a.state_dict();
        var sb = b.state_dict();
        return sa.Count == sb.Count && sa.All(kv => sb.TryGetValue(kv.Key, out var t) && t.SameAs(kv.Value));
    }

    public static Dictionary<string, Tensor> CopyOf(Module m)
    {
        var copy = new Dictionary<string, Tensor>();
        foreach (var (k, v) in m.state_dict()) copy[k] = v.clone().DetachFromDisposeScope();
        return copy;
    }

    /// <summary>An optimizer's whole state (momentum buffers, step counts, rates) as TorchSharp writes it.</summary>
    public static string OptimizerState(torch.optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ((global::TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        return Convert.ToBase64String(stream.ToArray());
    }
}

/// <summary>Tests that seed libtorch's global generator or change the console run one at a time.</summary>
[CollectionDefinition("global state", DisableParallelization = true)]
public class GlobalStateCollection { }

/// <summary>Exact tensor comparison (PyTorch's torch.equal; TorchSharp's equal is element-wise).</summary>
public static class TensorComparison
{
    public static bool SameAs(this Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && (a.numel() == 0 || a.eq(b).all().item<bool>());
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Torchbook.Parity.Tests.Optim;

/// <summary>
/// Optimizer trajectories on f(w) = sum(c * w^2) + w0 * w1 over 20 steps against PyTorch 1.13 (goldens/nn/optim.json).
/// Tolerance: rtol 1e-6, atol 1e-7. PyTorch's optim.RMSprop is TorchSharp's optim.RMSProp.
/// </summary>
public class OptimizerParityTests
{
    private static readonly Dictionary<string, Func<IEnumerable<Parameter>, optim.Optimizer>> Makers = new()
    {
        ["sgd_nesterov"] = p => optim.SGD(p, 0.1, momentum: 0.9, nesterov: true),
        ["sgd_full"] = p => optim.SGD(p, 0.1, momentum: 0.9, dampening: 0.1, weight_decay: 0.01),
        ["sgd_plain"] = p => optim.SGD(p, 0.05),
        ["adam"] = p => optim.Adam(p, lr: 0.1),
        ["adam_amsgrad_wd"] = p => optim.Adam(p, lr: 0.1, beta1: 0.8, beta2: 0.99, weight_decay: 0.1, amsgrad: true),
        // PyTorch's AdamW defaults to weight_decay=0.01, TorchSharp's to 0 (OptimDeviationTests).
        ["adamw"] = p => optim.AdamW(p, lr: 0.1, weight_decay: 0.01),
        ["rmsprop"] = p => optim.RMSProp(p, lr: 0.01),
        ["rmsprop_centered_momentum"] = p => optim.RMSProp(p, lr: 0.01, momentum: 0.9, centered: true, weight_decay: 0.1),
        ["adagrad"] = p => optim.Adagrad(p, lr: 0.1, lr_decay: 0.01, weight_decay: 0.1, initial_accumulator_value: 0.1),
    };

    public static IEnumerable<object[]> Names => Makers.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void Trajectory_matches_pytorch(string name)
    {
        using var scope = NewDisposeScope();
        var c = tensor(new[] { 1.0f, 2.0f, 3.0f });
        using var w = nn.Parameter(tensor(new[] { 1.5f, -0.5f, 2.0f }));
        using var opt = Makers[name]([w]);
        var steps = new List<Tensor>();
        for (int i = 0; i < 20; i++)
        {
            opt.zero_grad();
            var loss = (c * w.pow(2)).sum() + w[0] * w[1];
            loss.backward();
            opt.step();
            steps.Add(w.detach().clone());
        }
        Goldens.AssertMatches("nn/optim.json", name, stack(steps.ToArray(), 0), rtol: 1e-6, atol: 1e-7);
    }
}

using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using Torchbook.Plots;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// The learning-rate range test (Leslie Smith; fastai's lr_find): train for a few steps while the
/// learning rate grows exponentially from <c>start_lr</c> to <c>end_lr</c>, record the loss at each
/// rate, and stop once the loss explodes. Then put everything back: the model's weights and
/// buffers (bit for bit), its train/eval mode, and the optimizer's state and options (momentum
/// buffers, Adam's moments and step counts, every group's learning rate). Gradients are cleared.
/// <para>
/// Parameter groups (differential learning rates): every group's rate is scaled by the same
/// factor, so their ratios stay as you set them; the rates reported are the first group's.
/// </para>
/// <para>
/// The loss is smoothed exponentially as fastai does: <c>avg = beta * avg + (1 - beta) * loss</c>,
/// reported as <c>avg / (1 - beta^(i+1))</c> (bias correction, so the first points are not pulled
/// towards 0). The run stops when the smoothed loss exceeds <c>diverge_factor</c> times the best
/// so far, or is not finite.
/// </para>
/// </summary>
public sealed class LRFinder
{
    public LRFinder(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss_fn, optim.Optimizer optimizer)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.loss_fn = loss_fn ?? throw new ArgumentNullException(nameof(loss_fn));
        this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
    }

    public LRFinder(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss_fn, optim.Optimizer optimizer)
        : this(model, (loss_fn ?? throw new ArgumentNullException(nameof(loss_fn))).call, optimizer) { }

    public nn.Module<Tensor, Tensor> model { get; }
    public Func<Tensor, Tensor, Tensor> loss_fn { get; }
    public optim.Optimizer optimizer { get; }

    /// <summary>
    /// Runs the test: <paramref name="num_iter"/> training steps (the loader is cycled if it has
    /// fewer batches) at rates from <paramref name="start_lr"/> to <paramref name="end_lr"/>.
    /// </summary>
    public LRFinderResult Run(IEnumerable<(Tensor, Tensor)> train_loader, double start_lr = 1e-7, double end_lr = 10, int num_iter = 100,
        double beta = 0.98, double diverge_factor = 4.0)
    {
        ArgumentNullException.ThrowIfNull(train_loader);
        if (!(start_lr > 0) || !(end_lr > start_lr))
            throw new ArgumentException($"find_lr: need 0 < start_lr < end_lr, got start_lr = {start_lr}, end_lr = {end_lr}.");
        if (num_iter < 2) throw new ArgumentOutOfRangeException(nameof(num_iter), num_iter, "find_lr: num_iter must be at least 2.");
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "find_lr: beta (the smoothing) must be in [0, 1).");
        if (!(diverge_factor > 1)) throw new ArgumentOutOfRangeException(nameof(diverge_factor), diverge_factor, "find_lr: diverge_factor must be above 1.");

        var groups = optimizer.ParamGroups.ToList();
        var originalLrs = groups.Select(g => g.LearningRate).ToArray();
        double reference = originalLrs[0];
        var ratios = originalLrs.Select(lr => reference > 0 ? lr / reference : 1.0).ToArray();

        // What is put back afterwards.
        var wasTraining = model.training;
        var savedWeights = new Dictionary<string, Tensor>();
        using (var scope = NewDisposeScope())
            foreach (var (name, t) in model.state_dict()) savedWeights[name] = t.clone().DetachFromDisposeScope();
        // TorchSharp's optimizers (OptimizerHelper) write their state (momentum buffers, step counts) to a stream.
        using var savedOptimizer = new MemoryStream();
        var stateful = optimizer as OptimizerHelper;
        if (stateful is not null)
            using (var writer = new BinaryWriter(savedOptimizer, System.Text.Encoding.UTF8, leaveOpen: true)) stateful.save_state_dict(writer);

        var lrs = new List<double>();
        var smoothed = new List<double>();
        var raw = new List<double>();
        string stop = $"ran all {num_iter} steps";
        try
        {
            var device = Batches.DeviceOf(model);
            model.train();
            double avg = 0, best = double.PositiveInfinity;
            IEnumerator<(Tensor, Tensor)>? batches = null;
            try
            {
                for (int i = 0; i < num_iter; i++)
                {
                    double lr = start_lr * Math.Pow(end_lr / start_lr, i / (double)(num_iter - 1));
                    for (int g = 0; g < groups.Count; g++) groups[g].LearningRate = lr * ratios[g];
                    var (X, y) = NextBatch(train_loader, ref batches);
                    double loss;
                    using (var scope = NewDisposeScope())
                    {
                        var output = model.call(Batches.On(X, device));
                        var l = loss_fn(output, Batches.On(y, device));
                        optimizer.zero_grad();
                        l.backward();
                        optimizer.step();
                        loss = l.ToDouble();
                    }
                    avg = beta * avg + (1 - beta) * loss;
                    double s = avg / (1 - Math.Pow(beta, i + 1));
                    if (!double.IsFinite(s)) { stop = $"the loss became {s.ToString(CultureInfo.InvariantCulture)} at lr {lr:G3}"; break; }
                    lrs.Add(lr);
                    smoothed.Add(s);
                    raw.Add(loss);
                    if (i > 0 && s > diverge_factor * best)
                    {
                        stop = string.Format(CultureInfo.InvariantCulture, "the smoothed loss passed {0} x its best ({1:0.0000}) at lr {2:G3}", diverge_factor, best, lr);
                        break;
                    }
                    best = Math.Min(best, s);
                }
            }
            finally
            {
                batches?.Dispose();
            }
        }
        finally
        {
            model.load_state_dict(savedWeights);
            foreach (var t in savedWeights.Values) t.Dispose();
            if (stateful is not null)
            {
                savedOptimizer.Position = 0;
                using var reader = new BinaryReader(savedOptimizer, System.Text.Encoding.UTF8, leaveOpen: true);
                stateful.load_state_dict(reader);
            }
            for (int g = 0; g < groups.Count; g++) groups[g].LearningRate = originalLrs[g];
            optimizer.zero_grad();
            model.train(wasTraining);
        }
        if (lrs.Count == 0) throw new InvalidOperationException($"find_lr: no usable step ({stop}); lower start_lr.");
        return new LRFinderResult(lrs.ToArray(), smoothed.ToArray(), raw.ToArray(), stop);
    }

    /// <summary>The same, for loaders whose batches are lists [inputs, labels] (a DataLoader over TensorDataset(X, y)).</summary>
    public LRFinderResult Run(IEnumerable<IList<Tensor>> train_loader, double start_lr = 1e-7, double end_lr = 10, int num_iter = 100,
        double beta = 0.98, double diverge_factor = 4.0) =>
        Run(new PairedBatches(train_loader ?? throw new ArgumentNullException(nameof(train_loader))), start_lr, end_lr, num_iter, beta, diverge_factor);

    private static (Tensor, Tensor) NextBatch(IEnumerable<(Tensor, Tensor)> loader, ref IEnumerator<(Tensor, Tensor)>? batches)
    {
        batches ??= loader.GetEnumerator();
        if (batches.MoveNext()) return batches.Current;
        batches.Dispose();
        batches = loader.GetEnumerator(); // a new pass (a shuffling loader reshuffles)
        if (batches.MoveNext()) return batches.Current;
        throw new ArgumentException("find_lr: the loader gave no batches.", nameof(loader));
    }
}

/// <summary>
/// The curve from an <see cref="LRFinder"/>: the rates tried (<see cref="lrs"/>, the first group's),
/// the smoothed losses and the raw ones, with two suggestions:
/// <list type="bullet">
/// <item><see cref="suggested_lr"/>, the "steepest" rule: the rate where the smoothed loss falls fastest
/// against log(lr), looked for from the start of the curve (skipping its first tenth, up to 10 points,
/// which the smoothing's warm-up distorts) to the point of lowest loss;</item>
/// <item><see cref="lr_min_div10"/>, fastai's "minimum / 10" rule: the rate of the lowest loss, divided by 10.</item>
/// </list>
/// </summary>
public sealed class LRFinderResult
{
    internal LRFinderResult(double[] lrs, double[] losses, double[] raw_losses, string stop_reason)
    {
        this.lrs = lrs;
        this.losses = losses;
        this.raw_losses = raw_losses;
        this.stop_reason = stop_reason;
        int min = Array.IndexOf(losses, losses.Min());
        min_loss_lr = lrs[min];
        lr_min_div10 = lrs[min] / 10;
        int skip = Math.Min(10, lrs.Length / 10);
        int from = min > skip ? skip : 0;
        double steepest = double.PositiveInfinity;
        int at = -1;
        for (int i = from; i < min; i++)
        {
            double slope = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            if (slope < steepest) { steepest = slope; at = i; }
        }
        // No fall at all (the loss only rose): fall back to the minimum / 10 rule.
        suggestion_rule = at >= 0 && steepest < 0 ? "steepest descent" : "the loss never fell: lowest / 10";
        suggested_lr = at >= 0 && steepest < 0 ? lrs[at] : lr_min_div10;
    }

    /// <summary>How <see cref="suggested_lr"/> was chosen: "steepest descent", or, when the smoothed loss never fell
    /// before its minimum, "the loss never fell: lowest / 10" (then the sweep says little: try more steps or a lower start).</summary>
    public string suggestion_rule { get; }

    /// <summary>The learning rates tried (the first parameter group's), increasing.</summary>
    public IReadOnlyList<double> lrs { get; }

    /// <summary>The smoothed, bias-corrected loss at each rate.</summary>
    public IReadOnlyList<double> losses { get; }

    /// <summary>The loss of each step as measured.</summary>
    public IReadOnlyList<double> raw_losses { get; }

    /// <summary>Where the smoothed loss falls fastest (see the class summary).</summary>
    public double suggested_lr { get; }

    /// <summary>The rate with the lowest smoothed loss.</summary>
    public double min_loss_lr { get; }

    /// <summary>The rate with the lowest smoothed loss, divided by 10.</summary>
    public double lr_min_div10 { get; }

    /// <summary>Why the sweep ended.</summary>
    public string stop_reason { get; }

    /// <summary>Loss against learning rate (log axis) with the suggestion marked.</summary>
    public XYChart Plot(string title = "Learning rate finder") => Plots.Plot.LearningRateFinder(lrs, losses, suggested_lr, title);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "LR finder: {0} rates from {1:G3} to {2:G3}; {3}. Suggested lr {4:G3} ({7}); lowest loss at {5:G3} (/10: {6:G3})",
        lrs.Count, lrs[0], lrs[^1], stop_reason, suggested_lr, min_loss_lr, lr_min_div10, suggestion_rule);
}

public static partial class Training
{
    /// <summary>
    /// The learning-rate range test (see <see cref="LRFinder"/>): returns the curve and a suggested
    /// rate; the model and optimizer are left as they were. <c>find_lr(...).Plot()</c> draws it.
    /// </summary>
    public static LRFinderResult find_lr(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> train_loader, Func<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, double start_lr = 1e-7, double end_lr = 10, int num_iter = 100, double beta = 0.98, double diverge_factor = 4.0) =>
        new LRFinder(model, loss_fn, optimizer).Run(train_loader, start_lr, end_lr, num_iter, beta, diverge_factor);

    /// <inheritdoc cref="find_lr(nn.Module{Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, Func{Tensor, Tensor, Tensor}, optim.Optimizer, double, double, int, double, double)"/>
    public static LRFinderResult find_lr(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> train_loader, nn.Module<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, double start_lr = 1e-7, double end_lr = 10, int num_iter = 100, double beta = 0.98, double diverge_factor = 4.0) =>
        new LRFinder(model, loss_fn, optimizer).Run(train_loader, start_lr, end_lr, num_iter, beta, diverge_factor);

    /// <summary>find_lr for loaders whose batches are lists [inputs, labels] (a DataLoader over TensorDataset(X, y)).</summary>
    public static LRFinderResult find_lr(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> train_loader, nn.Module<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, double start_lr = 1e-7, double end_lr = 10, int num_iter = 100, double beta = 0.98, double diverge_factor = 4.0) =>
        new LRFinder(model, loss_fn, optimizer).Run(train_loader, start_lr, end_lr, num_iter, beta, diverge_factor);

    /// <summary>find_lr for loaders whose batches are lists [inputs, labels], with a loss function.</summary>
    public static LRFinderResult find_lr(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> train_loader, Func<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, double start_lr = 1e-7, double end_lr = 10, int num_iter = 100, double beta = 0.98, double diverge_factor = 4.0) =>
        new LRFinder(model, loss_fn, optimizer).Run(train_loader, start_lr, end_lr, num_iter, beta, diverge_factor);
}

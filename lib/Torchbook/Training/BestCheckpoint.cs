using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Keeps a copy of the model's weights (parameters and buffers) from the epoch where the monitored
/// metric was best, in memory, and writes them with <c>model.save</c> to <see cref="path"/> when one
/// is given (.safetensors, or .pth for PyTorch). <see cref="Restore"/> copies them back. An epoch is
/// better when its value is strictly lower (losses) or higher (accuracies) than the best so far;
/// NaN never is.
/// </summary>
public sealed class BestCheckpoint : IDisposable
{
    private Dictionary<string, Tensor>? _weights;

    public BestCheckpoint(string monitor, string? path = null)
    {
        higher_is_better = EpochRecord.HigherIsBetter(monitor);
        this.monitor = monitor;
        this.path = path;
    }

    /// <summary>The metric compared (train_loss, train_acc, val_loss, val_acc).</summary>
    public string monitor { get; }

    public bool higher_is_better { get; }

    /// <summary>The file written at every improvement, or null.</summary>
    public string? path { get; }

    /// <summary>The best epoch so far (null before one has a value).</summary>
    public int? epoch { get; private set; }

    /// <summary>The metric at <see cref="epoch"/>.</summary>
    public double value { get; private set; } = double.NaN;

    /// <summary>A copy of the best epoch's weights by state_dict name (owned by this object), or null.</summary>
    public IReadOnlyDictionary<string, Tensor>? weights => _weights;

    /// <summary>Whether <paramref name="candidate"/> beats the best so far.</summary>
    public bool IsImprovement(double candidate) =>
        !double.IsNaN(candidate) && (double.IsNaN(value) || (higher_is_better ? candidate > value : candidate < value));

    /// <summary>Records the epoch's value; when it is the best so far, copies the weights (and saves the file). Returns whether it was.</summary>
    public bool Update(int epoch, double candidate, nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!IsImprovement(candidate)) return false;
        var copy = new Dictionary<string, Tensor>();
        using (var scope = NewDisposeScope())
        {
            foreach (var (name, t) in model.state_dict())
                copy[name] = t.clone().DetachFromDisposeScope();
        }
        DisposeWeights();
        _weights = copy;
        this.epoch = epoch;
        value = candidate;
        if (path is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            model.save(path);
        }
        return true;
    }

    /// <summary>Copies the best weights back into <paramref name="model"/> (bit for bit).</summary>
    public void Restore(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_weights is null) throw new InvalidOperationException($"BestCheckpoint: no epoch has a {monitor} value yet, so there are no best weights to restore.");
        model.load_state_dict(_weights);
    }

    private void DisposeWeights()
    {
        if (_weights is null) return;
        foreach (var t in _weights.Values) t.Dispose();
        _weights = null;
    }

    public void Dispose() => DisposeWeights();
}

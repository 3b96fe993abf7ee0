using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Torchbook;

/// <summary>When a learning-rate scheduler steps during <see cref="Trainer.Fit"/>.</summary>
public enum SchedulerInterval
{
    /// <summary>After every epoch (after validation): StepLR, CosineAnnealingLR over epochs, ...</summary>
    Epoch,
    /// <summary>After every optimizer step: OneCycleLR, warm-up over batches, ...</summary>
    Batch,
}

/// <summary>
/// The training loop, written once: for each epoch, a training pass (forward, loss, zero_grad,
/// backward, optional gradient clipping, optimizer.step, then a per-batch scheduler step), then a
/// validation pass (<see cref="Training.evaluate(nn.Module{Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, Func{Tensor, Tensor, Tensor}?)"/>),
/// then the per-epoch scheduler or ReduceLROnPlateau, the best checkpoint, and early stopping.
/// <para>
/// Memory: every batch runs in its own dispose scope, so the outputs, losses and intermediate
/// tensors of a batch are freed when it ends; the model's parameters, their gradients and the
/// optimizer's state live on. Batches are the loader's (a DataLoader disposes them itself).
/// </para>
/// <para>
/// Figures per epoch (<see cref="History"/>): the mean training loss and accuracy over the epoch's
/// batches as the weights changed (as Keras and d2l report them), the validation loss and accuracy
/// after the epoch, the first group's learning rate at the start of the epoch, and the seconds.
/// Calling <see cref="Fit"/> again continues: epochs are numbered on and added to the same history.
/// </para>
/// </summary>
public sealed class Trainer : IDisposable
{
    public Trainer(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss_fn, optim.Optimizer optimizer)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.loss_fn = loss_fn ?? throw new ArgumentNullException(nameof(loss_fn));
        this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
    }

    public Trainer(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor, Tensor> loss_fn, optim.Optimizer optimizer)
        : this(model, (loss_fn ?? throw new ArgumentNullException(nameof(loss_fn))).call, optimizer) { }

    public nn.Module<Tensor, Tensor> model { get; }
    public Func<Tensor, Tensor, Tensor> loss_fn { get; }
    public optim.Optimizer optimizer { get; }

    /// <summary>A learning-rate scheduler stepped after each epoch or each batch (<see cref="SchedulerInterval"/>), after optimizer.step as PyTorch requires.</summary>
    public LRScheduler? Scheduler { get; set; }

    public SchedulerInterval SchedulerInterval { get; set; } = SchedulerInterval.Epoch;

    /// <summary>ReduceLROnPlateau, stepped after each epoch with the <see cref="Monitor"/> metric (its mode must agree: "min" for losses, "max" for accuracies).</summary>
    public LRScheduler? PlateauScheduler { get; set; }

    /// <summary>
    /// The metric that picks the best epoch, drives early stopping and ReduceLROnPlateau: train_loss,
    /// train_acc, val_loss or val_acc. Null (the default): val_loss with a validation loader, train_loss without.
    /// </summary>
    public string? Monitor { get; set; }

    /// <summary>Early stopping: stop after this many epochs without improvement of <see cref="Monitor"/> (null: never stop early).</summary>
    public int? Patience { get; set; }

    /// <summary>Early stopping: an improvement smaller than this does not count.</summary>
    public double MinDelta { get; set; }

    /// <summary>When set, the best epoch's weights are also written here (model.save: .safetensors, or .pth) each time the monitored metric improves.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Whether to load the best epoch's weights back into the model when Fit ends (otherwise the model keeps the last epoch's).</summary>
    public bool RestoreBest { get; set; }

    /// <summary>Clip the gradients' total 2-norm to this before each step (nn.utils.clip_grad_norm_).</summary>
    public double? ClipGradNorm { get; set; }

    /// <summary>Clamp every gradient to [-value, value] before each step (nn.utils.clip_grad_value_).</summary>
    public double? ClipGradValue { get; set; }

    /// <summary>How progress is shown (see <see cref="ProgressMode"/>).</summary>
    public ProgressMode Progress { get; set; } = ProgressMode.Auto;

    /// <summary>Stop when the training loss becomes NaN or infinite (nothing more can be learned). Default true.</summary>
    public bool StopOnNaN { get; set; } = true;

    /// <summary>The epochs run so far, over every Fit call (null before the first).</summary>
    public History? History { get; private set; }

    /// <summary>The best weights so far by <see cref="Monitor"/> (null before the first Fit).</summary>
    public BestCheckpoint? Best { get; private set; }

    private EarlyStopping? _early;

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs on <paramref name="train_loader"/>, validating on
    /// <paramref name="val_loader"/> after each when given. Returns the history (also <see cref="History"/>).
    /// </summary>
    public History Fit(IEnumerable<(Tensor, Tensor)> train_loader, int epochs, IEnumerable<(Tensor, Tensor)>? val_loader = null)
    {
        ArgumentNullException.ThrowIfNull(train_loader);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Fit: epochs must be 0 or more.");
        if (ClipGradNorm is <= 0) throw new ArgumentOutOfRangeException(nameof(ClipGradNorm), ClipGradNorm, "ClipGradNorm must be positive.");
        if (ClipGradValue is <= 0) throw new ArgumentOutOfRangeException(nameof(ClipGradValue), ClipGradValue, "ClipGradValue must be positive.");
        var monitor = Monitor ?? (val_loader is null ? "train_loss" : "val_loss");
        EpochRecord.HigherIsBetter(monitor); // validates the name
        if (monitor.StartsWith("val_", StringComparison.Ordinal) && val_loader is null)
            throw new ArgumentException($"Fit: Monitor is {monitor}, but no val_loader was given to measure it. Pass a val_loader, or monitor train_loss / train_acc.", nameof(val_loader));
        // TorchSharp's ReduceLROnPlateau keeps its mode private, so a "min" scheduler given an accuracy cannot be caught here.

        if (History is null || History.monitor != monitor)
        {
            History ??= new History(monitor);
            History.monitor = monitor;
            Best?.Dispose();
            Best = new BestCheckpoint(monitor, CheckpointPath);
            History.best_epoch = null;
            History.best_value = double.NaN;
        }
        else if (Best!.path != CheckpointPath)
        {
            var previous = Best;
            Best = new BestCheckpoint(monitor, CheckpointPath);
            previous.Dispose();
        }
        _early = Patience is int p ? new EarlyStopping(monitor, p, MinDelta) : null;
        History.stopped_early = false;
        History.stop_reason = null;

        var history = History;
        var progress = TrainingProgress.Create(Progress);
        long? batches = Batches.Count(train_loader);
        int first = history.Count + 1;
        progress.Run(() =>
        {
            for (int epoch = first; epoch < first + epochs; epoch++)
            {
                progress.EpochStarted(epoch, first + epochs - 1, batches);
                var watch = Stopwatch.StartNew();
                double lr = optimizer.ParamGroups.First().LearningRate;
                var (trainLoss, trainAcc) = TrainEpoch(train_loader, progress, watch);
                double valLoss = double.NaN, valAcc = double.NaN;
                if (val_loader is not null && double.IsFinite(trainLoss))
                {
                    progress.Validating();
                    var e = Training.evaluate(model, val_loader, loss_fn);
                    (valLoss, valAcc) = (e.loss, e.accuracy);
                }
                watch.Stop();
                var record = new EpochRecord(epoch, trainLoss, trainAcc, valLoss, valAcc, lr, watch.Elapsed.TotalSeconds);
                history.Add(record);
                var note = AfterEpoch(record, history);
                progress.EpochEnded(record, note);
                if (history.stopped_early) break;
            }
            if (RestoreBest && Best!.weights is not null) Best.Restore(model);
        });
        progress.Finished(history);
        return history;
    }

    /// <summary>The same, for loaders whose batches are lists [inputs, labels] (a DataLoader over TensorDataset(X, y)).</summary>
    public History Fit(IEnumerable<IList<Tensor>> train_loader, int epochs, IEnumerable<IList<Tensor>>? val_loader = null) =>
        Fit(new PairedBatches(train_loader ?? throw new ArgumentNullException(nameof(train_loader))), epochs,
            val_loader is null ? null : new PairedBatches(val_loader));

    private (double loss, double accuracy) TrainEpoch(IEnumerable<(Tensor, Tensor)> loader, TrainingProgress progress, Stopwatch watch)
    {
        var device = Batches.DeviceOf(model);
        var parameters = ClipGradNorm is not null || ClipGradValue is not null ? model.parameters().ToArray() : null;
        bool perBatch = Scheduler is not null && SchedulerInterval == SchedulerInterval.Batch;
        double lossSum = 0;
        long examples = 0, correct = 0, counted = 0, batch = 0;
        bool classification = true;
        model.train();
        foreach (var (X, y) in loader)
        {
            using (var scope = NewDisposeScope())
            {
                var x = Batches.On(X, device);
                var target = Batches.On(y, device);
                var output = model.call(x);
                var loss = loss_fn(output, target);
                optimizer.zero_grad();
                loss.backward();
                if (ClipGradNorm is double maxNorm) nn.utils.clip_grad_norm_(parameters!, maxNorm);
                if (ClipGradValue is double clip) nn.utils.clip_grad_value_(parameters!, clip);
                optimizer.step();
                if (perBatch) Scheduler!.step();

                long n = Batches.BatchSize(x);
                lossSum += loss.ToDouble() * n;
                examples += n;
                if (classification)
                {
                    if (Training.CountCorrect(output, target) is var (c, total)) { correct += c; counted += total; }
                    else classification = false;
                }
            }
            batch++;
            double meanLoss = lossSum / examples;
            progress.BatchEnded(batch, meanLoss, classification && counted > 0 ? correct / (double)counted : double.NaN, examples, watch.Elapsed.TotalSeconds);
            if (StopOnNaN && !double.IsFinite(meanLoss)) break;
        }
        if (examples == 0) throw new ArgumentException("Fit: the training loader gave no batches.");
        return (lossSum / examples, classification && counted > 0 ? correct / (double)counted : double.NaN);
    }

    /// <summary>Schedulers, best checkpoint and early stopping after an epoch; returns a note for the display.</summary>
    private string? AfterEpoch(EpochRecord record, History history)
    {
        var notes = new List<string>();
        if (StopOnNaN && !double.IsFinite(record.train_loss))
        {
            history.stopped_early = true;
            history.stop_reason = $"the training loss became {record.train_loss.ToString(CultureInfo.InvariantCulture)} in epoch {record.epoch}: " +
                "the learning rate may be too high (try a tenth of it, or find one with find_lr), or the inputs hold NaN or huge values.";
            return "loss is not finite";
        }
        double value = record[history.monitor];
        if (Scheduler is not null && SchedulerInterval == SchedulerInterval.Epoch) Scheduler.step();
        if (PlateauScheduler is not null && !double.IsNaN(value)) PlateauScheduler.step(value);
        if (Best!.Update(record.epoch, value, model))
        {
            history.best_epoch = Best.epoch;
            history.best_value = Best.value;
            notes.Add("best" + (Best.path is null ? "" : ", saved"));
        }
        if (_early is not null && _early.Update(value))
        {
            history.stopped_early = true;
            history.stop_reason = string.Format(CultureInfo.InvariantCulture,
                "early stopping after epoch {0}: {1} has not improved by more than {2} for {3} epoch(s) (best {4:0.0000} at epoch {5}).",
                record.epoch, history.monitor, _early.min_delta, _early.wait, Best.value, Best.epoch);
            notes.Add("stopping early");
        }
        return notes.Count == 0 ? null : string.Join(", ", notes);
    }

    /// <summary>Loads the best epoch's weights into the model (see <see cref="Best"/>).</summary>
    public void RestoreBestWeights()
    {
        if (Best is null) throw new InvalidOperationException("Trainer: Fit has not run yet, so there are no best weights.");
        Best.Restore(model);
    }

    /// <summary>Frees the copy of the best weights (the model and optimizer are the caller's).</summary>
    public void Dispose() => Best?.Dispose();
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Torchbook;

/// <summary>
/// The training helpers as functions, d2l-style: <c>using static Torchbook.Training;</c> then
/// <c>fit(model, train_loader, loss_fn, optimizer, epochs: 5, val_loader: test_loader)</c>,
/// <c>evaluate</c>, <c>predict</c>, <c>accuracy</c>, <c>confusion_matrix</c>, <c>find_lr</c>.
/// </summary>
public static partial class Training
{
    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="epochs"/> epochs and returns the
    /// <see cref="History"/>: a <see cref="Trainer"/> with these settings (see its properties for
    /// what each does). Without a display argument the progress shows as curves in a notebook, a
    /// live bar on a terminal, or a line per epoch in logs.
    /// </summary>
    public static History fit(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> train_loader, Func<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, int epochs, IEnumerable<(Tensor, Tensor)>? val_loader = null,
        LRScheduler? scheduler = null, SchedulerInterval scheduler_interval = SchedulerInterval.Epoch, LRScheduler? plateau_scheduler = null,
        string? monitor = null, int? patience = null, double min_delta = 0, string? checkpoint_path = null, bool restore_best = false,
        double? clip_grad_norm = null, double? clip_grad_value = null, ProgressMode progress = ProgressMode.Auto)
    {
        using var trainer = new Trainer(model, loss_fn, optimizer)
        {
            Scheduler = scheduler,
            SchedulerInterval = scheduler_interval,
            PlateauScheduler = plateau_scheduler,
            Monitor = monitor,
            Patience = patience,
            MinDelta = min_delta,
            CheckpointPath = checkpoint_path,
            RestoreBest = restore_best,
            ClipGradNorm = clip_grad_norm,
            ClipGradValue = clip_grad_value,
            Progress = progress,
        };
        return trainer.Fit(train_loader, epochs, val_loader);
    }

    /// <inheritdoc cref="fit(nn.Module{Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, Func{Tensor, Tensor, Tensor}, optim.Optimizer, int, IEnumerable{ValueTuple{Tensor, Tensor}}?, LRScheduler?, SchedulerInterval, LRScheduler?, string?, int?, double, string?, bool, double?, double?, ProgressMode)"/>
    public static History fit(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor, Tensor)> train_loader, nn.Module<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, int epochs, IEnumerable<(Tensor, Tensor)>? val_loader = null,
        LRScheduler? scheduler = null, SchedulerInterval scheduler_interval = SchedulerInterval.Epoch, LRScheduler? plateau_scheduler = null,
        string? monitor = null, int? patience = null, double min_delta = 0, string? checkpoint_path = null, bool restore_best = false,
        double? clip_grad_norm = null, double? clip_grad_value = null, ProgressMode progress = ProgressMode.Auto) =>
        fit(model, train_loader, (loss_fn ?? throw new ArgumentNullException(nameof(loss_fn))).call, optimizer, epochs, val_loader, scheduler,
            scheduler_interval, plateau_scheduler, monitor, patience, min_delta, checkpoint_path, restore_best, clip_grad_norm, clip_grad_value, progress);

    /// <summary>fit for loaders whose batches are lists [inputs, labels] (a DataLoader over TensorDataset(X, y)).</summary>
    public static History fit(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> train_loader, nn.Module<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, int epochs, IEnumerable<IList<Tensor>>? val_loader = null,
        LRScheduler? scheduler = null, SchedulerInterval scheduler_interval = SchedulerInterval.Epoch, LRScheduler? plateau_scheduler = null,
        string? monitor = null, int? patience = null, double min_delta = 0, string? checkpoint_path = null, bool restore_best = false,
        double? clip_grad_norm = null, double? clip_grad_value = null, ProgressMode progress = ProgressMode.Auto) =>
        fit(model, train_loader, (loss_fn ?? throw new ArgumentNullException(nameof(loss_fn))).call, optimizer, epochs, val_loader, scheduler,
            scheduler_interval, plateau_scheduler, monitor, patience, min_delta, checkpoint_path, restore_best, clip_grad_norm, clip_grad_value, progress);

    /// <summary>fit for loaders whose batches are lists [inputs, labels], with a loss function.</summary>
    public static History fit(nn.Module<Tensor, Tensor> model, IEnumerable<IList<Tensor>> train_loader, Func<Tensor, Tensor, Tensor> loss_fn,
        optim.Optimizer optimizer, int epochs, IEnumerable<IList<Tensor>>? val_loader = null,
        LRScheduler? scheduler = null, SchedulerInterval scheduler_interval = SchedulerInterval.Epoch, LRScheduler? plateau_scheduler = null,
        string? monitor = null, int? patience = null, double min_delta = 0, string? checkpoint_path = null, bool restore_best = false,
        double? clip_grad_norm = null, double? clip_grad_value = null, ProgressMode progress = ProgressMode.Auto) =>
        fit(model, new PairedBatches(train_loader ?? throw new ArgumentNullException(nameof(train_loader))), loss_fn, optimizer, epochs,
            val_loader is null ? null : new PairedBatches(val_loader), scheduler, scheduler_interval, plateau_scheduler, monitor, patience, min_delta,
            checkpoint_path, restore_best, clip_grad_norm, clip_grad_value, progress);
}

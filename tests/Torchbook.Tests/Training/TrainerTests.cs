using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Torchbook.Training;

namespace Torchbook.Tests.Training;

[Collection("global state")]
public class TrainerTests
{
    [Fact]
    public void Fit_learns_a_separable_problem_and_records_every_epoch()
    {
        var (X, y) = SyntheticData.Blobs(400, seed: 1);
        var (Xv, yv) = SyntheticData.Blobs(200, seed: 2);
        var model = SyntheticData.Mlp(0);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var history = fit(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), optimizer, epochs: 5,
            val_loader: SyntheticData.Batches(Xv, yv, 64), progress: ProgressMode.None);

        Assert.Equal(5, history.Count);
        Assert.Equal([1, 2, 3, 4, 5], history.epoch);
        Assert.True(history.train_acc[^1] > 0.97, history.ToString());
        Assert.True(history.val_acc[^1] > 0.97, history.ToString());
        Assert.True(history.train_loss[^1] < history.train_loss[0], history.ToString());
        Assert.All(history.lr, lr => Assert.Equal(0.1, lr));
        Assert.All(history.seconds, s => Assert.True(s >= 0));
        Assert.Equal("val_loss", history.monitor);
        Assert.NotNull(history.best_epoch);
        Assert.False(history.stopped_early);
        // The validation figures are what evaluate reports for the final model.
        var e = evaluate(model, SyntheticData.Batches(Xv, yv, 64), CrossEntropyLoss());
        Assert.Equal(e.loss, history.val_loss[^1], 12);
        Assert.Equal(e.accuracy, history.val_acc[^1]);
        Assert.Equal(200, e.count);
    }

    [Fact]
    public void The_epoch_loss_is_the_example_weighted_mean_of_the_batch_losses()
    {
        // lr = 0: the weights never move, so the epoch's training loss equals the loss over all examples at once.
        var (X, y) = SyntheticData.Blobs(100, seed: 3);
        var model = SyntheticData.Mlp(1);
        var history = fit(model, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), optim.SGD(model.parameters(), 0.0), epochs: 1, progress: ProgressMode.None);
        using var all = functional.cross_entropy(model.call(X), y);
        Assert.Equal(all.item<float>(), history.train_loss[0], 5);
        Assert.Equal(accuracy(model.call(X), y), history.train_acc[0]);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_without_improvement()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 4);
        var model = SyntheticData.Mlp(2);
        // lr = 0: nothing improves after the first epoch.
        using var trainer = new Trainer(model, CrossEntropyLoss(), optim.SGD(model.parameters(), 0.0))
        {
            Patience = 2,
            Progress = ProgressMode.None,
        };
        var history = trainer.Fit(SyntheticData.Batches(X, y, 16), epochs: 10, val_loader: SyntheticData.Batches(X, y, 16));
        Assert.Equal(3, history.Count);
        Assert.True(history.stopped_early);
        Assert.Contains("early stopping after epoch 3", history.stop_reason);
        Assert.Equal(1, history.best_epoch);
    }

    [Fact]
    public void Min_delta_ignores_improvements_that_are_too_small()
    {
        var stop = new EarlyStopping("val_loss", patience: 1, min_delta: 0.1);
        Assert.False(stop.Update(1.0));
        Assert.True(stop.Update(0.95)); // better, but by less than 0.1
        var acc = new EarlyStopping("val_acc", patience: 1, min_delta: 0.01);
        Assert.False(acc.Update(0.5));
        Assert.False(acc.Update(0.6));
        Assert.True(acc.Update(0.605));
    }

    [Fact]
    public void The_best_checkpoint_holds_and_restores_the_best_epochs_weights()
    {
        // Validation labels are the training labels flipped: the better the model fits, the worse the
        // validation loss, so the best epoch is the first one.
        var (X, y) = SyntheticData.Blobs(128, seed: 5);
        using var flipped = y.neg().add(1);
        var path = Path.Combine(Path.GetTempPath(), $"torchbook-best-{Guid.NewGuid():N}.safetensors");
        try
        {
            var model = SyntheticData.Mlp(3);
            using var trainer = new Trainer(model, CrossEntropyLoss(), optim.SGD(model.parameters(), 0.05, momentum: 0.9))
            {
                CheckpointPath = path,
                RestoreBest = true,
                Progress = ProgressMode.None,
            };
            var history = trainer.Fit(SyntheticData.Batches(X, y, 32), epochs: 4, val_loader: SyntheticData.Batches(X, flipped, 32));
            Assert.Equal(1, history.best_epoch);
            Assert.Equal(history.val_loss.Min(), history.best_value);

            // The same training stopped after the best epoch gives the same weights, bit for bit.
            var reference = SyntheticData.Mlp(3);
            fit(reference, SyntheticData.Batches(X, y, 32), CrossEntropyLoss(), optim.SGD(reference.parameters(), 0.05, momentum: 0.9), epochs: 1,
                progress: ProgressMode.None);
            Assert.True(SyntheticData.SameWeights(reference, model), "restored weights differ from the best epoch's");

            var fromFile = SyntheticData.Mlp(99);
            fromFile.load(path);
            Assert.True(SyntheticData.SameWeights(reference, fromFile), "the checkpoint file does not hold the best epoch's weights");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_RestoreBest_the_model_keeps_the_last_epoch_and_the_best_stays_available()
    {
        var (X, y) = SyntheticData.Blobs(128, seed: 5);
        using var flipped = y.neg().add(1);
        var model = SyntheticData.Mlp(3);
        using var trainer = new Trainer(model, CrossEntropyLoss(), optim.SGD(model.parameters(), 0.05, momentum: 0.9)) { Progress = ProgressMode.None };
        trainer.Fit(SyntheticData.Batches(X, y, 32), epochs: 3, val_loader: SyntheticData.Batches(X, flipped, 32));
        var last = SyntheticData.CopyOf(model);
        Assert.False(trainer.Best!.weights!.All(kv => kv.Value.SameAs(last[kv.Key])));
        trainer.RestoreBestWeights();
        Assert.True(trainer.Best.weights!.All(kv => kv.Value.SameAs(model.state_dict()[kv.Key])));
    }

    [Fact]
    public void A_per_batch_scheduler_steps_after_the_optimizer_as_in_PyTorch()
    {
        // One batch, plain SGD: w1 = w0 - lr * grad. The step must use the initial lr (0.1), and
        // the scheduler then halves it.
        manual_seed(7);
        var model = Linear(3, 1);
        var x = randn(8, 3);
        var t = randn(8, 1);
        var before = SyntheticData.CopyOf(model);
        using (var probe = Linear(3, 1))
        {
            probe.load_state_dict(before);
            functional.mse_loss(probe.call(x), t).backward();
            var expected = before["weight"] - probe.weight!.grad! * 0.1;
            var optimizer = optim.SGD(model.parameters(), 0.1);
            var scheduler = optim.lr_scheduler.StepLR(optimizer, step_size: 1, gamma: 0.5);
            fit(model, [(x, t)], MSELoss(), optimizer, epochs: 1, scheduler: scheduler, scheduler_interval: SchedulerInterval.Batch, progress: ProgressMode.None);
            Assert.True(model.weight!.allclose(expected, 0, 1e-7), $"weight {model.weight} expected {expected}");
            Assert.Equal(0.05, optimizer.ParamGroups.First().LearningRate);
        }
    }

    [Fact]
    public void A_per_epoch_scheduler_steps_after_each_epoch()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 6);
        var model = SyntheticData.Mlp(4);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        var history = fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optimizer, epochs: 3,
            scheduler: optim.lr_scheduler.StepLR(optimizer, 1, 0.5), progress: ProgressMode.None);
        Assert.Equal([0.1, 0.05, 0.025], history.lr);
        Assert.Equal(0.0125, optimizer.ParamGroups.First().LearningRate);
    }

    [Fact]
    public void ReduceLROnPlateau_is_given_the_monitored_metric_after_each_epoch()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 6);
        var model = SyntheticData.Mlp(4);
        var optimizer = optim.SGD(model.parameters(), 0.1);
        // A loss that never changes: every epoch after the first is a plateau.
        Func<Tensor, Tensor, Tensor> constant = (o, t) => o.sum().mul(0).add(1);
        var history = fit(model, SyntheticData.Batches(X, y, 16), constant, optimizer, epochs: 4,
            plateau_scheduler: optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor: 0.5, patience: 0), progress: ProgressMode.None);
        Assert.Equal([0.1, 0.1, 0.05, 0.025], history.lr);

    }

    [Fact]
    public void Monitoring_a_validation_metric_needs_a_validation_loader()
    {
        var (X, y) = SyntheticData.Blobs(16, seed: 6);
        var model = SyntheticData.Mlp(4);
        var e = Assert.Throws<ArgumentException>(() => fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optim.SGD(model.parameters(), 0.1),
            epochs: 1, monitor: "val_acc", progress: ProgressMode.None));
        Assert.Contains("no val_loader", e.Message);
        Assert.Contains("Unknown metric", Assert.Throws<ArgumentException>(() => fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(),
            optim.SGD(model.parameters(), 0.1), epochs: 1, monitor: "accuracy", progress: ProgressMode.None)).Message);
    }

    [Fact]
    public void Gradient_clipping_bounds_every_step()
    {
        manual_seed(8);
        var model = Linear(3, 1);
        var x = randn(8, 3).mul(100);
        var t = randn(8, 1);
        var before = SyntheticData.CopyOf(model);
        fit(model, [(x, t)], MSELoss(), optim.SGD(model.parameters(), 1.0), epochs: 1, clip_grad_value: 1e-3, progress: ProgressMode.None);
        using var change = model.weight!.sub(before["weight"]).abs().max();
        Assert.True(change.item<float>() <= 1e-3f + 1e-7f, $"weight moved by {change.item<float>()}");

        var model2 = Linear(3, 1);
        var before2 = SyntheticData.CopyOf(model2);
        fit(model2, [(x, t)], MSELoss(), optim.SGD(model2.parameters(), 1.0), epochs: 1, clip_grad_norm: 0.5, progress: ProgressMode.None);
        using var w = model2.weight!.sub(before2["weight"]);
        using var b = model2.bias!.sub(before2["bias"]);
        var norm = Math.Sqrt(w.square().sum().item<float>() + b.square().sum().item<float>());
        Assert.Equal(0.5, norm, 4);
    }

    [Fact]
    public void A_loss_that_becomes_NaN_stops_training_with_advice()
    {
        var (X, y) = SyntheticData.Blobs(32, seed: 9);
        var model = SyntheticData.Mlp(5);
        Func<Tensor, Tensor, Tensor> broken = (o, t) => functional.cross_entropy(o, t).mul(double.NaN);
        var history = fit(model, SyntheticData.Batches(X, y, 8), broken, optim.SGD(model.parameters(), 0.1), epochs: 5, progress: ProgressMode.None);
        Assert.Single(history);
        Assert.True(history.stopped_early);
        Assert.Contains("learning rate", history.stop_reason);
    }


    [Fact]
    public void Fit_frees_every_tensor_it_makes_but_keeps_the_weights_and_optimizer_state()
    {
        var (X, y) = SyntheticData.Blobs(256, seed: 11);
        var model = SyntheticData.Mlp(6);
        var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        using (var outer = NewDisposeScope())
        {
            fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optimizer, epochs: 3, val_loader: SyntheticData.Batches(X, y, 64),
                progress: ProgressMode.None);
            Assert.Equal(0, outer.DisposablesCount);
        }
        Assert.All(model.parameters(), p => Assert.False(p.IsInvalid));
        // The momentum buffers outlived the scope: another epoch steps with them.
        fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optimizer, epochs: 1, progress: ProgressMode.None);
        Assert.True(evaluate(model, SyntheticData.Batches(X, y, 64)).accuracy > 0.95);
    }

    [Fact]
    public void Fit_again_continues_the_epochs_and_the_history()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 12);
        var model = SyntheticData.Mlp(7);
        using var trainer = new Trainer(model, CrossEntropyLoss(), optim.SGD(model.parameters(), 0.1)) { Progress = ProgressMode.None };
        trainer.Fit(SyntheticData.Batches(X, y, 16), 2);
        var history = trainer.Fit(SyntheticData.Batches(X, y, 16), 2);
        Assert.Equal([1, 2, 3, 4], history.epoch);
        Assert.Same(trainer.History, history);
    }

    [Fact]
    public void Lines_progress_prints_one_line_per_epoch()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 13);
        var model = SyntheticData.Mlp(8);
        var saved = Console.Out;
        var output = new StringWriter();
        try
        {
            Console.SetOut(output);
            fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optim.SGD(model.parameters(), 0.1), epochs: 3,
                val_loader: SyntheticData.Batches(X, y, 32), patience: 5, progress: ProgressMode.Lines);
        }
        finally
        {
            Console.SetOut(saved);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("epoch 1/3  train_loss ", lines[0]);
        Assert.Contains("val_acc ", lines[2]);
        Assert.Contains("best", lines[0]);
    }

    [Fact]
    public void Terminal_progress_redraws_one_line_per_epoch_in_place_and_keeps_the_figures()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 14);
        var model = SyntheticData.Mlp(9);
        var saved = Console.Out;
        var output = new StringWriter();
        try
        {
            Console.SetOut(output);
            fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optim.SGD(model.parameters(), 0.1), epochs: 2,
                val_loader: SyntheticData.Batches(X, y, 32), progress: ProgressMode.Terminal);
        }
        finally
        {
            Console.SetOut(saved);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // everything else was redrawn in place
        for (int e = 0; e < 2; e++)
        {
            var shown = lines[e].Split('\r').Last(); // what the terminal shows once the epoch ends
            Assert.StartsWith($"epoch {e + 1}/2  train_loss ", shown);
            Assert.Contains("val_acc", shown);
        }
    }
}

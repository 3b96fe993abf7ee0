using TorchSharp;
using Torchbook.Formatting;
using Torchbook.Plots;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static Torchbook.Training;

namespace Torchbook.Tests.Training;

[Collection("global state")]
public class HistoryAndProgressTests
{
    [Fact]
    public void History_plots_loss_and_accuracy_side_by_side_and_prints_a_table()
    {
        var (X, y) = SyntheticData.Blobs(64, seed: 40);
        var model = SyntheticData.Mlp(9);
        var history = fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optim.SGD(model.parameters(), 0.1), epochs: 3,
            val_loader: SyntheticData.Batches(X, y, 32), progress: ProgressMode.None);
        var chart = Assert.IsType<ChartGrid>(history.Plot());
        var svg = chart.ToSvg();
        Assert.Contains("Loss", svg);
        Assert.Contains("Accuracy", svg);
        Assert.Contains("validation", svg);
        var table = history.ToString().Split('\n');
        Assert.StartsWith("epoch", table[0].TrimStart());
        Assert.Contains("val_acc", table[0]);
        Assert.Contains("best val_loss", history.ToString());
        Assert.Equal(history.val_loss, history.Column("val_loss"));
    }

    [Fact]
    public void In_a_notebook_the_curves_and_a_text_line_are_shown_and_updated_in_place()
    {
        var shown = new List<(string id, object? value)>();
        var updates = new List<(string id, object? value)>();
        var savedShow = AppContext.GetData(DisplayHostContract.ShowKey);
        var savedUpdate = AppContext.GetData(DisplayHostContract.UpdateKey);
        try
        {
            AppContext.SetData(DisplayHostContract.ShowKey, new Func<object?, string?, string?>((value, _) =>
            {
                var id = "d" + shown.Count;
                shown.Add((id, value));
                return id;
            }));
            AppContext.SetData(DisplayHostContract.UpdateKey, new Func<string, object?, string?, bool>((id, value, _) =>
            {
                updates.Add((id, value));
                return true;
            }));
            var (X, y) = SyntheticData.Blobs(128, seed: 41);
            var model = SyntheticData.Mlp(10);
            fit(model, SyntheticData.Batches(X, y, 16), CrossEntropyLoss(), optim.SGD(model.parameters(), 0.1), epochs: 2,
                val_loader: SyntheticData.Batches(X, y, 64)); // Auto: a host is present
        }
        finally
        {
            AppContext.SetData(DisplayHostContract.ShowKey, savedShow);
            AppContext.SetData(DisplayHostContract.UpdateKey, savedUpdate);
        }
        Assert.Equal(2, shown.Count); // the text, then the chart: nothing more is appended to the output
        Assert.IsType<string>(shown[0].value);
        var grid = Assert.IsType<ChartGrid>(shown[1].value);
        var finalText = (string)updates.Last(u => u.id == "d0").value!;
        Assert.Contains("epoch   1  train_loss", finalText);
        Assert.Contains("epoch   2  train_loss", finalText);
        Assert.Contains("best val_loss", finalText);
        var svg = grid.ToSvg();
        Assert.Contains("train", svg);
        Assert.Contains("validation", svg);
    }
}

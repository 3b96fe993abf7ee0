// DataLoader throughput on Fashion-MNIST's training set (60,000 images), batch 64, shuffled:
// batches per second over whole epochs, with 0 and 2 workers, through the whole-batch read path
// (the default) and item by item (a custom collate that stacks single items, as a dataset
// without batch reads is loaded), and item by item with a stand-in training step (a 64x784 by
// 784x512 product) that workers can overlap with loading. Prints one JSON object; data_bench.sh prints it beside PyTorch.
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

int threads = args.Length > 0 ? int.Parse(args[0]) : 1;
int epochs = args.Length > 1 ? int.Parse(args[1]) : 2;
set_num_threads(threads);
using var train = torchvision.datasets.FashionMNIST(train: true);

double BatchesPerSecond(int workers, bool itemByItem, bool withStep = false)
{
    var loader = itemByItem
        ? (IEnumerable<(Tensor, Tensor)>)utils.data.DataLoader(train, 64, (items, d) => utils.data.default_collate(items, d),
            shuffle: true, seed: 0, num_workers: workers, disposeDataset: false)
        : utils.data.DataLoader(train, batch_size: 64, shuffle: true, seed: 0, num_workers: workers, disposeDataset: false);
    long batches = 0;
    using var w = rand(784, 512);
    foreach (var _ in loader) batches++; // warm-up epoch
    batches = 0;
    var sw = Stopwatch.StartNew();
    for (int e = 0; e < epochs; e++)
        foreach (var (x, y) in loader)
        {
            // A stand-in for a training step: one 784x512 layer's forward product.
            if (withStep) { using var h = x.reshape(x.shape[0], 784).mm(w); }
            batches++;
        }
    return batches / sw.Elapsed.TotalSeconds;
}

var results = new Dictionary<string, double>
{
    ["batch_reads_0_workers"] = BatchesPerSecond(0, false),
    ["batch_reads_2_workers"] = BatchesPerSecond(2, false),
    ["item_by_item_0_workers"] = BatchesPerSecond(0, true),
    ["item_by_item_2_workers"] = BatchesPerSecond(2, true),
    ["item_by_item_with_step_0_workers"] = BatchesPerSecond(0, true, withStep: true),
    ["item_by_item_with_step_2_workers"] = BatchesPerSecond(2, true, withStep: true),
};
Console.WriteLine(JsonSerializer.Serialize(new { threads, source = train.images_file, results }));

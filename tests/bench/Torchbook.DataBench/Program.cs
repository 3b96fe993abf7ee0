// DataLoader throughput on Fashion-MNIST's training set (60,000 images), batch 64, shuffled:
// batches per second over whole epochs, with 0 and 2 workers, item by item through
// FashionMNIST(transform: ToTensor()) and Torchbook.Data's DataLoader (the tutorial's pipeline),
// alone and with a stand-in training step (a 64x784 by 784x512 product) that workers can overlap
// with loading. Prints one JSON object; data_bench.sh prints it beside PyTorch.
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using static Torchbook.Data;

int threads = args.Length > 0 ? int.Parse(args[0]) : 1;
int epochs = args.Length > 1 ? int.Parse(args[1]) : 2;
set_num_threads(threads);
using var train = Torchbook.Vision.datasets.FashionMNIST(train: true, transform: Torchbook.Vision.transforms.ToTensor());

double BatchesPerSecond(int workers, bool withStep = false)
{
    using var loader = DataLoader(train, batch_size: 64, shuffle: true, num_workers: workers, generator: new Generator(0), disposeDataset: false);
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
    ["item_by_item_0_workers"] = BatchesPerSecond(0),
    ["item_by_item_2_workers"] = BatchesPerSecond(2),
    ["item_by_item_with_step_0_workers"] = BatchesPerSecond(0, withStep: true),
    ["item_by_item_with_step_2_workers"] = BatchesPerSecond(2, withStep: true),
};
Console.WriteLine(JsonSerializer.Serialize(new { threads, source = train.images_file, results }));

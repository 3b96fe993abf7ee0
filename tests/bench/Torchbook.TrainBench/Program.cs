// The C# half of the training benchmark: one epoch of Fashion-MNIST training (60,000 images,
// batch 64, shuffled by a seeded generator, SGD lr 1e-3 momentum 0.9, cross-entropy), timed from
// the first batch to the last step, after a warm-up of 50 steps on a throwaway model. One
// workload per process; prints one JSON object. train_bench.py does the same in PyTorch.
// The data pipeline is the tutorial's: FashionMNIST(transform: ToTensor()) read item by item and
// batched by Torchbook.Data's DataLoader, which shuffles in PyTorch's order, so both sides train
// the same model on the same batches (check_loss compares them).
//
//   mlp_items        the quickstart network (Flatten, Linear(784,512), ReLU, Linear(512,512), ReLU,
//                    Linear(512,10)); the tutorial's loop
//   mlp_items_fit    the same, trained by Training.fit (which also reads the loss and counts the
//                    correct predictions of every batch; PyTorch: the loop plus those metrics)
//   cnn_items        the GarmentClassifier CNN of tests/Torchbook.Parity.Tests (conv 1->6->16, 5x5, max-pool, 3 linear layers)
//   loader_items     the loader alone: batches per second over an epoch
//   memory_fit       resident memory of the process after each of 10 epochs of fit (the CNN on the first
//                    6,000 images): the target is growth under 5% from epoch 2 to epoch 10
//   profile_mlp, profile_cnn, profile_tiny, profile_items, profile_fit  where the time goes (see Profile below;
//                    train_bench.py has the same phases, except profile_fit)
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Torchbook.Parity.Tests.NN;
using static Torchbook.Data;

int threads = int.Parse(args[0]);
string workload = args[1];
set_num_threads(threads);

using var train = Torchbook.Vision.datasets.FashionMNIST(train: true, transform: Torchbook.Vision.transforms.ToTensor());
using var test = Torchbook.Vision.datasets.FashionMNIST(train: false);

Torchbook.DataLoader<(Tensor, Tensor), (Tensor, Tensor)> Loader(int seed) =>
    DataLoader(train, batch_size: 64, shuffle: true, generator: new Generator((ulong)seed), disposeDataset: false);

Module<Tensor, Tensor> Model() => workload.StartsWith("cnn", StringComparison.Ordinal) ? new GarmentClassifier() : new NeuralNetwork();

if (workload == "memory_fit")
{
    manual_seed(0);
    var model = new GarmentClassifier();
    var loss_fn = CrossEntropyLoss();
    var optimizer = optim.SGD(model.parameters(), 1e-3, momentum: 0.9);
    using var loader = DataLoader(Subset(train, Enumerable.Range(0, 6000)), batch_size: 64, shuffle: true, generator: new Generator(0), disposeDataset: false);
    var rss = new List<double>();
    for (int epoch = 0; epoch < 10; epoch++)
    {
        Torchbook.Training.fit(model, loader, loss_fn, optimizer, epochs: 1, progress: Torchbook.ProgressMode.None);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var self = Process.GetCurrentProcess();
        self.Refresh();
        rss.Add(self.WorkingSet64 / 1048576.0);
    }
    var growth = (rss[^1] - rss[1]) / rss[1];
    Console.WriteLine(JsonSerializer.Serialize(new { threads, workload, rss_mb = rss, growth_epoch2_to_10 = growth }));
    return;
}

if (workload.StartsWith("profile_", StringComparison.Ordinal))
{
    Profile(workload["profile_".Length..]);
    return;
}

double seconds;
var process = Process.GetCurrentProcess();
TimeSpan cpuStart = default, cpuEnd = default;
long batches = 0;
double? checkLoss = null;
if (workload.StartsWith("loader", StringComparison.Ordinal))
{
    using var loader = Loader(0);
    foreach (var _ in loader) { } // warm-up pass
    process.Refresh();
    cpuStart = process.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    foreach (var (X, y) in loader) batches++;
    seconds = sw.Elapsed.TotalSeconds;
    process.Refresh();
    cpuEnd = process.TotalProcessorTime;
}
else
{
    // Warm-up: 50 steps on a throwaway model (JIT, allocator, oneDNN/BLAS first calls).
    {
        var m = Model();
        var o = optim.SGD(m.parameters(), 1e-3, momentum: 0.9);
        var l = CrossEntropyLoss();
        using var warm = Loader(1);
        int n = 0;
        foreach (var (X, y) in warm)
        {
            using var scope = NewDisposeScope();
            var loss = l.call(m.call(X), y);
            o.zero_grad();
            loss.backward();
            o.step();
            if (++n == 50) break;
        }
        m.Dispose();
        o.Dispose();
    }

    manual_seed(0);
    var model = Model();
    var loss_fn = CrossEntropyLoss();
    var optimizer = optim.SGD(model.parameters(), 1e-3, momentum: 0.9);
    using var loader = Loader(0);
    batches = loader.Count;
    process.Refresh();
    cpuStart = process.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    if (workload.EndsWith("_fit", StringComparison.Ordinal))
    {
        Torchbook.Training.fit(model, loader, loss_fn, optimizer, epochs: 1, progress: Torchbook.ProgressMode.None);
    }
    else
    {
        // The PyTorch tutorial's train loop, as a learner writes it in C#.
        model.train();
        foreach (var (X, y) in loader)
        {
            using var scope = NewDisposeScope();
            var pred = model.call(X);
            var loss = loss_fn.call(pred, y);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
    }
    seconds = sw.Elapsed.TotalSeconds;
    process.Refresh();
    cpuEnd = process.TotalProcessorTime;

    // The same computation on both sides gives the same model: its loss on the first 1,000 test images.
    using (no_grad())
    using (var scope = NewDisposeScope())
    {
        model.eval();
        var X = test.data.narrow(0, 0, 1000).unsqueeze(1).to(ScalarType.Float32).div(255);
        checkLoss = loss_fn.call(model.call(X), test.targets.narrow(0, 0, 1000)).item<float>();
    }
}
var cpuSeconds = (cpuEnd - cpuStart).TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(new { threads, workload, seconds, cpu_seconds = cpuSeconds, batches, check_loss = checkLoss }));

// Where the time of one step goes, on a fixed batch: forward alone (no_grad), forward + loss +
// backward, and the whole step, in milliseconds (median of 5 rounds of 100); and for the items
// pipeline, microseconds per item read and per batch collated.
void Profile(string what)
{
    var phases = new Dictionary<string, double>();
    double Median(Action body, int n = 100)
    {
        for (int i = 0; i < 20; i++) body();
        var samples = new double[5];
        for (int r = 0; r < samples.Length; r++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < n; i++) body();
            samples[r] = sw.Elapsed.TotalMilliseconds / n;
        }
        Array.Sort(samples);
        return samples[2];
    }
    if (what == "fit")
    {
        // fit against the tutorial's loop on the same 200 fixed batches (milliseconds per batch).
        manual_seed(0);
        var model = new NeuralNetwork();
        var loss_fn = CrossEntropyLoss();
        var optimizer = optim.SGD(model.parameters(), 1e-3, momentum: 0.9);
        var batchesList = Enumerable.Range(0, 200).Select(_ => (rand(64, 1, 28, 28), randint(0, 10, [64]))).ToList();
        phases["loop_ms"] = Median(() =>
        {
            foreach (var (X, y) in batchesList)
            {
                using var scope = NewDisposeScope();
                var loss = loss_fn.call(model.call(X), y);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }, 3) / 200;
        phases["fit_ms"] = Median(() => Torchbook.Training.fit(model, batchesList, loss_fn, optimizer, 1, progress: Torchbook.ProgressMode.None), 3) / 200;
    }
    else if (what == "items")
    {
        var indices = Enumerable.Range(0, 64).Select(i => (long)i * 7).ToArray();
        phases["item_us"] = 1000 * Median(() => { using var scope = NewDisposeScope(); train.GetTensor(12345); }, 2000);
        var batch = indices.Select(i => train.GetTensor(i)).ToArray();
        phases["collate_us"] = 1000 * Median(() => { using var scope = NewDisposeScope(); default_collate(batch); }, 200);
    }
    else
    {
        // "tiny": a 4-8-2 network on 4 examples, where the framework's own overhead is nearly all the time.
        manual_seed(0);
        var model = what == "cnn" ? (Module<Tensor, Tensor>)new GarmentClassifier()
            : what == "tiny" ? Sequential(Flatten(), Linear(4, 8), ReLU(), Linear(8, 2)) : new NeuralNetwork();
        var loss_fn = CrossEntropyLoss();
        var optimizer = optim.SGD(model.parameters(), 1e-3, momentum: 0.9);
        var X = what == "tiny" ? rand(4, 4) : rand(64, 1, 28, 28);
        var y = what == "tiny" ? randint(0, 2, [4]) : randint(0, 10, [64]);
        phases["forward_ms"] = Median(() => { using var scope = NewDisposeScope(); using var ng = no_grad(); model.call(X); });
        phases["forward_backward_ms"] = Median(() => { using var scope = NewDisposeScope(); loss_fn.call(model.call(X), y).backward(); });
        phases["zero_grad_ms"] = Median(() => optimizer.zero_grad());
        phases["step_ms"] = Median(() =>
        {
            using var scope = NewDisposeScope();
            var loss = loss_fn.call(model.call(X), y);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        });
    }
    Console.WriteLine(JsonSerializer.Serialize(new { threads, workload, phases }));
}

/// <summary>The PyTorch quickstart's NeuralNetwork.</summary>
sealed class NeuralNetwork : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> flatten = Flatten();
    private readonly Module<Tensor, Tensor> linear_relu_stack = Sequential(
        Linear(28 * 28, 512), ReLU(), Linear(512, 512), ReLU(), Linear(512, 10));

    public NeuralNetwork() : base(nameof(NeuralNetwork)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return linear_relu_stack.call(flatten.call(x)).MoveToOuterDisposeScope();
    }
}

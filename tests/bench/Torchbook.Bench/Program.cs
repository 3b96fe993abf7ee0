// The C# half of the tensor benchmarks. Prints one JSON object of timings (seconds per
// operation) for the workloads that tests/bench/bench.py also measures, so run.sh can print ratios.
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

int threads = args.Length > 0 ? int.Parse(args[0]) : 1;
set_num_threads(threads);
var results = new Dictionary<string, double>();

// The fastest of `rounds` rounds of `iterations` calls, after warm-up rounds lasting at least half a
// second: .NET's tiered JIT recompiles hot code with full optimization in the background only
// after ~100 ms, so a shorter warm-up times partly unoptimized code (bench.py warms up alike).
// The fastest round, because other processes only ever add time to a round (as Python's timeit
// advises); both sides take the same statistic.
static double Time(int rounds, int iterations, Action body)
{
    var warmup = Stopwatch.StartNew();
    do
    {
        for (int i = 0; i < iterations; i++) body();
    } while (warmup.Elapsed.TotalSeconds < 0.5);
    var samples = new double[rounds];
    for (int r = 0; r < rounds; r++)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++) body();
        samples[r] = sw.Elapsed.TotalSeconds / iterations;
    }
    return samples.Min();
}

var x = rand(4);
var y = rand(4);
results["add_4"] = Time(15, 20_000, () => { using var r = x + y; });

var a = randn(1024, 1024);
var b = randn(1024, 1024);
results["matmul_1024"] = Time(9, 5, () => { using var r = a.matmul(b); });

var array = new float[1_000_000];
for (int i = 0; i < array.Length; i++) array[i] = i * 0.5f;
results["tensor_from_array_1m"] = Time(15, 50, () => { using var t = tensor(array); });
results["from_array_1m"] = Time(15, 2_000, () => { using var t = from_array(array); });

// The chapter 4 CNN's first layer on a batch of 64: conv2d(1->6, 5x5) forward and backward.
var convX = randn(64, 1, 28, 28);
var convW = randn(6, 1, 5, 5).requires_grad_();
var convB = randn(6).requires_grad_();
results["conv2d_fwd_bwd"] = Time(9, 20, () =>
{
    using var scope = NewDisposeScope();
    nn.functional.conv2d(convX, convW, convB).sum().backward();
    convW.grad = null;
    convB.grad = null;
});

Console.WriteLine(JsonSerializer.Serialize(new { threads, torchsharp = __version__, results }));

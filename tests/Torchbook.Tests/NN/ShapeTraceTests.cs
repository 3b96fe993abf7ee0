using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Tests.NN;

/// <summary>
/// ShapeTrace.Of and ParameterTable.Of: on TorchVision's AlexNet and GoogLeNet they report what PyTorch's forward hooks and
/// named_parameters report for torchvision 0.14's models of the same name (tests/parity/make_model_zoo_goldens.py, file
/// tests/goldens/nn/shape_trace.json); depth, repeated calls, frozen parameters and bad input behave as documented.
/// </summary>
[Collection("global state")] // builds modules, whose initialisation draws from the global generator that seeded tests use
public class ShapeTraceTests
{
    private static readonly JsonElement Goldens =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "nn", "shape_trace.json"))).RootElement;

    private static long[] Shape(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    [Theory]
    [InlineData("alexnet", 1)]
    [InlineData("alexnet", 2)]
    [InlineData("googlenet", 1)]
    public void Traces_TorchVisions_models_as_PyTorchs_hooks_see_them(string model, int depth)
    {
        using Module<Tensor, Tensor> net = model == "alexnet" ? torchvision.models.alexnet() : torchvision.models.googlenet();
        net.eval();
        using var x = zeros(1, 3, 224, 224);
        var trace = ShapeTrace.Of(net, x, depth);
        var golden = Goldens.GetProperty($"{model}_depth{depth}").EnumerateArray().ToList();
        Assert.Equal(golden.Select(g => g.GetProperty("name").GetString()), trace.Rows.Select(r => r.Name));
        for (int i = 0; i < golden.Count; i++)
        {
            Assert.Equal(Shape(golden[i].GetProperty("input")), trace.Rows[i].InputShape);
            Assert.Equal(Shape(golden[i].GetProperty("output")), trace.Rows[i].OutputShape);
            Assert.Equal(golden[i].GetProperty("params").GetInt64(), trace.Rows[i].Params);
            if (model == "alexnet") Assert.Equal(golden[i].GetProperty("type").GetString(), trace.Rows[i].Type);   // GoogLeNet's BasicConv2d is a Sequential in C#
        }
        Assert.Equal(trace.Rows.Sum(r => r.Params), trace.TotalParams);
        Assert.Equal([1L, 3, 224, 224], trace.InputShape);
    }

    [Fact]
    public void Prints_one_aligned_row_per_call_and_the_total()
    {
        using var model = Sequential(("conv", Conv2d(1, 4, 3)), ("act", ReLU()), ("flat", Flatten()), ("fc", Linear(4 * 6 * 6, 2)));
        using var x = zeros(5, 1, 8, 8);
        var lines = ShapeTrace.Of(model, x).ToString().Split('\n');
        Assert.Equal(
        [
            "Layer (type)    Input shape   Output shape  Param #",
            new string('=', 51),
            "conv (Conv2d)   [5, 1, 8, 8]  [5, 4, 6, 6]       40",
            "act (ReLU)      [5, 4, 6, 6]  [5, 4, 6, 6]        0",
            "flat (Flatten)  [5, 4, 6, 6]  [5, 144]            0",
            "fc (Linear)     [5, 144]      [5, 2]            290",
            new string('=', 51),
            "Total params: 330",
        ], lines);
    }

    [Fact]
    public void A_layer_called_twice_has_two_rows_and_its_parameters_count_once()
    {
        using var model = new Twice();
        using var x = ones(2, 3);
        var trace = ShapeTrace.Of(model, x);
        Assert.Equal(["fc", "fc"], trace.Rows.Select(r => r.Name));
        Assert.Equal([12L, 0], trace.Rows.Select(r => r.Params));
        Assert.Equal(12, trace.TotalParams);
    }

    [Fact]
    public void Depth_reaches_inside_containers_and_keeps_shallow_leaves()
    {
        using var model = Sequential(("block", Sequential(("conv", Conv2d(1, 2, 3)), ("act", ReLU()))), ("pool", MaxPool2d(2)));
        using var x = zeros(1, 1, 6, 6);
        Assert.Equal(["block", "pool"], ShapeTrace.Of(model, x, depth: 1).Rows.Select(r => r.Name));
        Assert.Equal(["block.conv", "block.act", "pool"], ShapeTrace.Of(model, x, depth: 2).Rows.Select(r => r.Name));
        Assert.Throws<ArgumentException>(() => ShapeTrace.Of(model, x, depth: 0));
    }

    [Fact]
    public void A_batch_of_the_wrong_shape_names_the_last_layer_that_ran_and_what_to_check()
    {
        using var model = Sequential(("fc1", Linear(784, 10)), ("act", ReLU()), ("fc2", Linear(20, 2)));
        using var x = zeros(4, 784);
        var e = Assert.Throws<ArgumentException>(() => ShapeTrace.Of(model, x));
        Assert.Contains("a batch of shape [4, 784]", e.Message);
        Assert.Contains("after act (ReLU) gave [4, 10]", e.Message);
        Assert.Contains("Check the batch", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message);
        // the hooks are gone: a good batch afterwards runs without recording anything
        using var good = zeros(4, 784);
        using var model2 = Sequential(Linear(784, 10));
        Assert.Single(ShapeTrace.Of(model2, good).Rows);
    }

    [Fact]
    public void The_parameter_table_lists_AlexNets_tensors_as_PyTorchs_named_parameters()
    {
        using var net = torchvision.models.alexnet();
        var table = ParameterTable.Of(net);
        var golden = Goldens.GetProperty("alexnet_parameters").EnumerateArray().ToList();
        Assert.Equal(golden.Select(g => g.GetProperty("name").GetString()), table.Rows.Select(r => r.Name));
        Assert.Equal(golden.Select(g => Shape(g.GetProperty("shape"))), table.Rows.Select(r => r.Shape!));
        Assert.Equal(61_100_840, table.Total);
        var byLayer = ParameterTable.Of(net, depth: 1);
        Assert.Equal(["features", "classifier"], byLayer.Rows.Select(r => r.Name));
        Assert.Equal([10, 6], byLayer.Rows.Select(r => r.Tensors));
        Assert.Equal([2_469_696L, 58_631_144], byLayer.Rows.Select(r => r.Count));
        Assert.Equal(["features.0", "features.3", "features.6", "features.8", "features.10", "classifier.1", "classifier.4", "classifier.6"],
                     ParameterTable.Of(net, depth: 2).Rows.Select(r => r.Name));
    }

    [Fact]
    public void Frozen_parameters_are_counted_apart_and_marked()
    {
        using var model = Sequential(("body", Linear(3, 4)), ("head", Linear(4, 2)));
        foreach (var p in model.named_parameters().Where(p => p.name.StartsWith("body"))) p.parameter.requires_grad = false;
        var table = ParameterTable.Of(model, depth: 1);
        Assert.Equal(16 + 10, table.Total);
        Assert.Equal(10, table.Trainable);
        Assert.Equal(16, table.Frozen);
        var text = table.ToString();
        Assert.Contains("body       2 tensors  16 (frozen)  61.5 %", text);
        Assert.Contains("head       2 tensors           10  38.5 %", text);
        Assert.EndsWith("Total params: 26\nTrainable params: 10\nNon-trainable params: 16", text);
        Assert.Throws<ArgumentException>(() => ParameterTable.Of(model, depth: 0));
    }

    private sealed class Twice : Module<Tensor, Tensor>
    {
        private readonly Linear fc = Linear(3, 3);

        public Twice() : base(nameof(Twice)) => RegisterComponents();

        public override Tensor forward(Tensor x) => fc.call(fc.call(x));
    }
}

using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Tests.NN;

/// <summary>
/// TorchSharp modules print as PyTorch 1.13 prints the same modules, and torchsummary's table comes out
/// line for line (goldens: tests/parity/make_nn_goldens.py, file tests/goldens/nn/repr.json).
/// </summary>
[Collection("global state")] // seeds the global generator: tests running beside it must not draw from it
public class ModuleReprTests
{
    private static readonly JsonElement Goldens =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "nn", "repr.json"))).RootElement;

    private static string Golden(string key) => Goldens.GetProperty(key).GetString()!;

    /// <summary>The golden's PyTorch module, built in TorchSharp (BatchNorm2d(momentum=None) has no TorchSharp constructor).</summary>
    public static TheoryData<string> Cases() =>
    [
        "linear", "linear_nobias", "conv_pad1", "conv_lenet", "conv_same", "conv1d", "maxpool2", "maxpool3s2", "maxpool1d",
        "avgpool2", "avgpool1d", "adaptive66", "adaptive1", "adaptive1d", "adaptivemax", "bn1d", "layernorm", "layernorm2",
        "dropout", "dropout25", "dropout2d", "relu", "relu_inplace", "leaky", "leaky02", "gelu", "tanh", "sigmoid",
        "softmax", "logsoftmax", "flatten", "unflatten", "identity", "embedding", "lstm", "lstm_big", "gru",
        "ce", "mse", "modulelist", "sequential_named", "mlp", "bn_cnn", "cifar2", "vgg_ish",
    ];

    internal static Module Build(string name) => name switch
    {
        "linear" => Linear(784, 512),
        "linear_nobias" => Linear(3, 2, hasBias: false),
        "conv_pad1" => Conv2d(3, 16, 3, padding: 1),
        "conv_lenet" => Conv2d(1, 6, 5),
        "conv_same" => Conv2d(3, 8, 3, padding: Padding.Same),
        "conv1d" => Conv1d(16, 33, 3, stride: 2),
        "maxpool2" => MaxPool2d(2),
        "maxpool3s2" => MaxPool2d(3, stride: 2),
        "maxpool1d" => MaxPool1d(3),
        "avgpool2" => AvgPool2d(2),
        "avgpool1d" => AvgPool1d(2),
        "adaptive66" => AdaptiveAvgPool2d((6, 6)),
        "adaptive1" => AdaptiveAvgPool2d(1),
        "adaptive1d" => AdaptiveAvgPool1d(5),
        "adaptivemax" => AdaptiveMaxPool2d([2, 2]),
        "bn1d" => BatchNorm1d(100),
        "layernorm" => LayerNorm(10),
        "layernorm2" => LayerNorm([4, 5], eps: 1e-6),
        "dropout" => Dropout(),
        "dropout25" => Dropout(0.25),
        "dropout2d" => Dropout2d(0.2),
        "relu" => ReLU(),
        "relu_inplace" => ReLU(inplace: true),
        "leaky" => LeakyReLU(),
        "leaky02" => LeakyReLU(0.2),
        "gelu" => GELU(),
        "tanh" => Tanh(),
        "sigmoid" => Sigmoid(),
        "softmax" => Softmax(1),
        "logsoftmax" => LogSoftmax(1),
        "flatten" => Flatten(),
        "unflatten" => Unflatten(1, [2, 5]),
        "identity" => Identity(),
        "embedding" => Embedding(100, 16),
        "lstm" => LSTM(16, 32, batchFirst: true),
        "lstm_big" => LSTM(10, 20, numLayers: 2, dropout: 0.5, bidirectional: true),
        "gru" => GRU(8, 16),
        "ce" => CrossEntropyLoss(),
        "mse" => MSELoss(),
        "modulelist" => ModuleList<Module<Tensor, Tensor>>(Linear(2, 2), ReLU()),
        "sequential_named" => Sequential(("fc1", Linear(4, 8)), ("act", ReLU()), ("fc2", Linear(8, 1))),
        "mlp" => Sequential(Flatten(), Linear(784, 512), ReLU(), Linear(512, 512), ReLU(), Linear(512, 10)),
        "bn_cnn" => Sequential(Conv2d(3, 8, 3, padding: 1), BatchNorm2d(8), ReLU(), MaxPool2d(2), Flatten(), Linear(8 * 4 * 4, 10)),
        "cifar2" => Sequential(
            Conv2d(3, 16, 3, padding: 1), Tanh(), MaxPool2d(2),
            Conv2d(16, 8, 3, padding: 1), Tanh(), MaxPool2d(2),
            Flatten(), Linear(8 * 8 * 8, 32), Tanh(), Linear(32, 2)),
        "vgg_ish" => Sequential(
            ("block1", Sequential(Conv2d(3, 32, 3, padding: 1), BatchNorm2d(32), ReLU(inplace: true),
                Conv2d(32, 32, 3, padding: 1), BatchNorm2d(32), ReLU(inplace: true), MaxPool2d(2, 2))),
            ("block2", Sequential(Conv2d(32, 64, 3, padding: 1), BatchNorm2d(64), ReLU(inplace: true), MaxPool2d(2, 2), Dropout2d(0.25))),
            ("pool", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("head", Sequential(Linear(64, 128), GELU(), Dropout(0.5), Linear(128, 10), LogSoftmax(1)))),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>
    /// What TorchSharp 0.107 does not keep, so the text cannot show it: whether an adaptive pool's
    /// size was one number or a pair (it stores a pair), and an LSTM's dropout between layers.
    /// </summary>
    private static readonly Dictionary<string, (string PyTorch, string Ours)> KnownDifferences = new()
    {
        ["adaptive1"] = ("output_size=1", "output_size=(1, 1)"),
        ["vgg_ish"] = ("output_size=1", "output_size=(1, 1)"),
        ["lstm_big"] = (", dropout=0.5", ""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_what_pytorch_prints(string name)
    {
        using var module = Build(name);
        var expected = Golden($"repr/{name}");
        if (KnownDifferences.TryGetValue(name, out var difference))
        {
            Assert.Contains(difference.PyTorch, expected);
            expected = expected.Replace(difference.PyTorch, difference.Ours);
        }
        Assert.Equal(expected, module.repr());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Has_pytorchs_parameter_count(string name)
    {
        if (name == "modulelist") return; // a ModuleList outside a parent registers nothing in TorchSharp: see the test below
        using var module = Build(name);
        Assert.Equal(Goldens.GetProperty($"params/{name}").GetInt64(), module.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void A_module_list_inside_a_module_has_pytorchs_parameters_and_a_lone_one_has_none_in_TorchSharp()
    {
        using var lone = (ModuleList<Module<Tensor, Tensor>>)Build("modulelist");
        Assert.Empty(lone.parameters()); // TorchSharp 0.107 registers a ModuleList's items only inside a parent
        using var holder = new ListHolder();
        Assert.Equal(Goldens.GetProperty("params/modulelist").GetInt64(), holder.parameters().Sum(p => p.numel()));
        Assert.Equal("ListHolder(\n  (layers): " + Golden("repr/modulelist").Replace("\n", "\n  ") + "\n)", holder.repr());
    }

    private sealed class ListHolder : Module<Tensor, Tensor>
    {
        private readonly ModuleList<Module<Tensor, Tensor>> layers = ModuleList<Module<Tensor, Tensor>>(Linear(2, 2), ReLU());

        public ListHolder() : base(nameof(ListHolder)) => RegisterComponents();

        public override Tensor forward(Tensor x) => layers.Aggregate(x, (h, layer) => layer.call(h));
    }

    [Theory]
    [InlineData("cifar2", new long[] { 3, 32, 32 })]
    [InlineData("bn_cnn", new long[] { 3, 8, 8 })]
    public void Summary_is_torchsummarys_table(string name, long[] inputSize)
    {
        using var module = (Module<Tensor, Tensor>)Build(name);
        Assert.Equal(Golden($"summary/{name}"), torchsummary.summary(module, inputSize).ToString());
    }

    [Fact]
    public void Summary_of_a_learners_module_counts_its_layers_and_leaves_the_random_state_alone()
    {
        using var model = new TwoLayers();
        manual_seed(7);
        var expected = rand(1).item<float>();
        manual_seed(7);
        var s = torchsummary.summary(model, 4);
        Assert.Equal(expected, rand(1).item<float>());
        Assert.Equal(["Linear-1", "ReLU-2", "Linear-3"], s.Rows.Select(r => r.Layer));
        Assert.Equal([-1L, 1], s.Rows[^1].OutputShape);
        Assert.Equal(4 * 8 + 8 + 8 + 1, s.TotalParams);
        Assert.Equal("TwoLayers(\n  (fc1): Linear(in_features=4, out_features=8, bias=True)\n  (act): ReLU()\n  (fc2): Linear(in_features=8, out_features=1, bias=True)\n)", model.repr());
    }

    [Fact]
    public void Summary_with_the_wrong_input_size_names_the_shapes_and_what_to_check()
    {
        using var model = Sequential(Linear(784, 10), ReLU());
        var e = Assert.Throws<ArgumentException>(() => torchsummary.summary(model, 1, 28, 28));
        Assert.Contains("(batch, 1, 28, 28)", e.Message);
        Assert.Contains("Check input_size", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message);
        Assert.Throws<ArgumentException>(() => torchsummary.summary(model));
    }

    private sealed class TwoLayers : Module<Tensor, Tensor>
    {
        private readonly Linear fc1 = Linear(4, 8);
        private readonly ReLU act = ReLU();
        private readonly Linear fc2 = Linear(8, 1);

        public TwoLayers() : base(nameof(TwoLayers)) => RegisterComponents();

        public override Tensor forward(Tensor x) => fc2.call(act.call(fc1.call(x)));
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.TorchSharp.Tests.NN;

/// <summary>Printing a module gives PyTorch's repr; parameter counts and summaries match.</summary>
public class ReprTests
{
    public static readonly Dictionary<string, Func<Module>> Layers = new()
    {
        ["linear"] = () => Linear(784, 512),
        ["linear_nobias"] = () => Linear(3, 2, hasBias: false),
        ["conv_pad1"] = () => Conv2d(3, 16, 3, padding: 1),
        ["conv_lenet"] = () => Conv2d(1, 6, 5),
        ["conv_same"] = () => Conv2d(3, 8, 3, Padding.Same),
        ["conv_full"] = () => Conv2d(4, 8, (3, 5), stride: (2, 1), padding: (1, 2), dilation: (2, 2), groups: 2, bias: false, padding_mode: PaddingModes.Reflect),
        ["conv1d"] = () => Conv1d(16, 33, 3, stride: 2),
        ["convt"] = () => ConvTranspose2d(16, 8, 3, stride: 2, padding: 1, output_padding: 1),
        ["maxpool2"] = () => MaxPool2d(2),
        ["maxpool3s2"] = () => MaxPool2d(3, stride: 2),
        ["maxpool_tuple"] = () => MaxPool2d((2, 2)),
        ["maxpool1d"] = () => MaxPool1d(3),
        ["avgpool2"] = () => AvgPool2d(2),
        ["avgpool1d"] = () => AvgPool1d(2),
        ["adaptive66"] = () => AdaptiveAvgPool2d((6, 6)),
        ["adaptive1"] = () => AdaptiveAvgPool2d(1),
        ["adaptive1d"] = () => AdaptiveAvgPool1d(5),
        ["adaptivemax"] = () => AdaptiveMaxPool2d((2, 2)),
        ["bn1d"] = () => BatchNorm1d(100),
        ["bn2d_nomomentum"] = () => BatchNorm2d(16, momentum: null, affine: false),
        ["layernorm"] = () => LayerNorm(10),
        ["layernorm2"] = () => LayerNorm([4, 5], eps: 1e-6),
        ["dropout"] = () => Dropout(),
        ["dropout25"] = () => Dropout(0.25),
        ["dropout2d"] = () => Dropout2d(0.2),
        ["relu"] = () => ReLU(),
        ["relu_inplace"] = () => ReLU(inplace: true),
        ["leaky"] = () => LeakyReLU(),
        ["leaky02"] = () => LeakyReLU(0.2),
        ["gelu"] = () => GELU(),
        ["tanh"] = () => Tanh(),
        ["sigmoid"] = () => Sigmoid(),
        ["softmax"] = () => Softmax(1),
        ["logsoftmax"] = () => LogSoftmax(1),
        ["flatten"] = () => Flatten(),
        ["unflatten"] = () => Unflatten(1, [2, 5]),
        ["identity"] = () => Identity(),
        ["embedding"] = () => Embedding(100, 16),
        ["embedding_pad"] = () => Embedding(10, 3, padding_idx: 0),
        ["lstm"] = () => LSTM(16, 32, batchFirst: true),
        ["lstm_big"] = () => LSTM(10, 20, numLayers: 2, dropout: 0.5, bidirectional: true),
        ["gru"] = () => GRU(8, 16),
        ["rnn_relu"] = () => RNN(4, 8, nonLinearity: "relu"),
        ["upsample"] = () => Upsample(scale_factor: [2]),
        ["upsample_bilinear"] = () => Upsample(scale_factor: [2], mode: UpsampleMode.Bilinear),
        ["ce"] = () => CrossEntropyLoss(),
        ["mse"] = () => MSELoss(),
        ["modulelist"] = () => ModuleList(Linear(2, 2), ReLU()),
        ["moduledict"] = () => ModuleDict(("conv", Conv2d(1, 2, 3)), ("act", ReLU())),
        ["sequential_named"] = () => Sequential(("fc1", Linear(4, 8)), ("act", ReLU()), ("fc2", Linear(8, 1))),
        ["mlp"] = () => Sequential(Flatten(), Linear(784, 512), ReLU(), Linear(512, 512), ReLU(), Linear(512, 10)),
        ["garment"] = () => new GarmentClassifier(),
        ["lstm_classifier"] = () => new LSTMClassifier(),
        ["cnnnet"] = () => new CNNNet(),
        ["vgg_ish"] = () => Nets.VggIsh(),
        ["cifar2"] = () => Nets.Cifar2(),
        ["bn_cnn"] = () => Nets.BnCnn(),
    };

    public static IEnumerable<object[]> LayerKeys => Layers.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(LayerKeys))]
    public void Repr_and_parameter_count_match_pytorch(string key)
    {
        using var m = Layers[key]();
        Assert.Equal(NNGoldens.String("repr.json", "repr/" + key), m.ToString());
        Assert.Equal(NNGoldens.Get("repr.json", "params/" + key).GetInt64(), m.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [InlineData("garment", new long[] { 1, 28, 28 })]
    [InlineData("cifar2", new long[] { 3, 32, 32 })]
    [InlineData("bn_cnn", new long[] { 3, 8, 8 })]
    public void Summary_matches_torchsummarys_table(string key, long[] inputSize)
    {
        using var m = (Module<Tensor, Tensor>)Layers[key]();
        var s = summary(m, inputSize);
        Assert.Equal(NNGoldens.String("repr.json", "summary/" + key), s.ToString());
    }

    [Fact]
    public void Python_float_text_matches_reprs()
    {
        Assert.Equal("1e-05", PyTextProbe(1e-5));
        Assert.Equal("0.1", PyTextProbe(0.1));
        Assert.Equal("2.0", PyTextProbe(2));
        Assert.Equal("0.25", PyTextProbe(0.25));
        Assert.Equal("1e-10", PyTextProbe(1e-10));
        Assert.Equal("123456.5", PyTextProbe(123456.5));
        Assert.Equal("1e+16", PyTextProbe(1e16));
        Assert.Equal("0.0001", PyTextProbe(1e-4));
    }

    private static string PyTextProbe(double v)
    {
        using var bn = BatchNorm1d(1, eps: v);
        return bn.extra_repr().Split("eps=")[1].Split(',')[0];
    }
}

/// <summary>Seeds the global generator, so it runs apart from tests that draw from it.</summary>
[Collection("libtorch global state")]
public class SummaryRandomStateTests
{
    [Fact]
    public void Summary_leaves_the_global_random_state_alone()
    {
        using var m = Nets.Cifar2();
        manual_seed(5);
        var before = rand(3).ToArray<float>();
        manual_seed(5);
        _ = summary(m, 3, 32, 32);
        Assert.Equal(before, rand(3).ToArray<float>());
    }
}

using TorchSharp;
using TorchSharp.Serialization;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Modules and state_dicts to and from safetensors and PyTorch files.</summary>
[Collection("libtorch global state")]
public class ModelFileTests
{
    private static nn.Module Net() => nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2));

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("model.pth")]
    public void A_module_round_trips_through_a_file(string name)
    {
        var dir = Directory.CreateTempSubdirectory("tb-model").FullName;
        var path = Path.Combine(dir, name);
        manual_seed(1);
        var a = Net();
        a.save(path);
        manual_seed(2);
        var b = Net();
        Assert.False(a.state_dict()["0.weight"].equal(b.state_dict()["0.weight"]));
        b.load(path);
        foreach (var (key, value) in a.state_dict()) Assert.True(value.equal(b.state_dict()[key]), key);
        Assert.Single(Directory.GetFiles(dir));
        var isZip = File.ReadAllBytes(path) is [(byte)'P', (byte)'K', ..];
        Assert.Equal(name.EndsWith(".pth"), isZip); // .pth is PyTorch's zip format, anything else safetensors
    }

    [Fact]
    public void A_state_dict_that_pytorch_saved_loads_into_the_same_network()
    {
        // tests/goldens/model-files/sequential.pth: torch.save(nn.Sequential(Linear(4,3), ReLU, Linear(3,2)).state_dict())
        var path = Path.Combine(AppContext.BaseDirectory, "goldens", "model-files", "sequential.pth");
        var net = Net();
        net.load(path);
        var expected = PyTorchFile.LoadStateDict(path);
        Assert.Equal(expected["0.weight"].ToArray<float>(), net.state_dict()["0.weight"].ToArray<float>());
        Assert.Equal(expected["2.bias"].ToArray<float>(), net.state_dict()["2.bias"].ToArray<float>());
    }

    [Fact]
    public void Mismatched_files_say_what_is_wrong()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tb-model").FullName, "small.safetensors");
        nn.Sequential(nn.Linear(4, 3)).save(path);
        var ex = Assert.Throws<InvalidOperationException>(() => Net().load(path));
        Assert.Contains("Missing key(s) in state_dict: \"2.weight\", \"2.bias\"", ex.Message);
        Assert.Throws<FileNotFoundException>(() => Net().load(path + ".missing"));
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.ThrowsAny<IOException>(() => Net().load(path));
    }

    [Fact]
    public void State_dicts_of_every_dtype_round_trip()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tb-model").FullName, "all.safetensors");
        var dict = new Dictionary<string, Tensor>
        {
            ["f32"] = randn(2, 3), ["f64"] = randn(3, dtype: float64), ["i64"] = arange(5), ["u8"] = arange(4).to(uint8),
            ["b"] = tensor(new[] { true, false }), ["bf16"] = randn(2).bfloat16(), ["f16"] = randn(2).half(),
        };
        save(dict, path);
        var back = load_state_dict(path);
        foreach (var (k, v) in dict) Assert.True(v.equal(back[k]) && v.dtype == back[k].dtype, k);
    }
}

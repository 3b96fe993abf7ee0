using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Torchbook.Tests.ModelFiles;

/// <summary>
/// Weights files: PyTorch's own files load with PyTorch's values, our files load back, names and shapes are
/// checked with PyTorch's messages, and bad files are refused with a sentence saying what to do
/// (fixtures: tests/parity/make_model_file_fixtures.py and make_nn_goldens.py, PyTorch 1.13).
/// </summary>
public class ModelFilesTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "goldens", "model-files", name);

    private static JsonElement Expected =>
        JsonDocument.Parse(File.ReadAllText(Fixture("expected.json"))).RootElement;

    private static string NnGolden(string key) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "nn", "repr.json"))).RootElement.GetProperty(key).GetString()!;

    /// <summary>Python's float.hex() text, e.g. -0x1.eaa8000000000p-9, as a double.</summary>
    private static double FromHex(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-', '+')[2..];
        var p = body.IndexOf('p');
        var exponent = int.Parse(body[(p + 1)..], CultureInfo.InvariantCulture);
        var mantissa = body[..p].Split('.');
        double value = long.Parse(mantissa[0], NumberStyles.HexNumber);
        var fraction = mantissa.Length > 1 ? mantissa[1] : "";
        for (var i = 0; i < fraction.Length; i++) value += Convert.ToInt32(fraction[i].ToString(), 16) * Math.Pow(16, -(i + 1));
        return (negative ? -1 : 1) * value * Math.Pow(2, exponent);
    }

    private static Dictionary<string, double[]> ExpectedTensors(string file)
    {
        var result = new Dictionary<string, double[]>();
        foreach (var item in Expected.GetProperty("files").GetProperty(file).GetProperty("items").EnumerateArray())
            result[item[0].GetProperty("value").GetString()!] = item[1].GetProperty("values").EnumerateArray().Select(v => FromHex(v.GetString()!)).ToArray();
        return result;
    }

    private static Module<Tensor, Tensor> Net() => Sequential(Linear(4, 3), ReLU(), Linear(3, 2));

    [Theory]
    [InlineData("sequential.pth")]
    [InlineData("sequential.safetensors")]
    public void PyTorchs_files_load_with_pytorchs_values(string file)
    {
        using var model = Net();
        var (missing, unexpected) = model.load_weights(Fixture(file));
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        var state = model.state_dict();
        foreach (var (name, values) in ExpectedTensors(file))
            Assert.Equal(values, state[name].to(ScalarType.Float64).data<double>().ToArray());
    }

    [Theory]
    [InlineData("m.safetensors")]
    [InlineData("m.pth")]
    public void Saved_weights_load_back_into_a_new_model(string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tb-weights").FullName, name);
        manual_seed(1);
        using var model = Net();
        model.save_weights(path);
        manual_seed(2);
        using var other = Net();
        other.load_weights(path);
        var x = randn(5, 4);
        Assert.True(model.call(x).equal(other.call(x)).all().item<bool>());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Names_and_shapes_that_do_not_fit_give_pytorchs_messages_and_change_nothing()
    {
        using var model = Sequential(Linear(3, 2), ReLU(), Linear(2, 1));
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var bad = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        bad.Remove("0.bias");
        bad["3.weight"] = zeros(1);
        bad["2.weight"] = zeros(1, 3);
        var strict = Assert.Throws<InvalidOperationException>(() => model.load_state_dict_checked(bad));
        Assert.Equal(NnGolden("load_error/strict"), strict.Message);
        var lenient = Assert.Throws<InvalidOperationException>(() => model.load_state_dict_checked(bad, strict: false));
        Assert.Equal(NnGolden("load_error/lenient"), lenient.Message);
        foreach (var (name, value) in model.state_dict())
            Assert.True(value.equal(before[name]).all().item<bool>(), $"{name} changed");

        bad["2.weight"] = zeros(1, 2);
        var (missing, unexpected) = model.load_state_dict_checked(bad, strict: false);
        Assert.Equal(["0.bias"], missing);
        Assert.Equal(["3.weight"], unexpected);
        Assert.Equal(0f, model.state_dict()["2.weight"].abs().sum().item<float>());
    }

    [Theory]
    [InlineData("hostile_os_system.pth", "os.system")]
    [InlineData("hostile_eval.pth", "builtins.eval")]
    [InlineData("hostile_load_from_bytes.pth", "torch.storage._load_from_bytes")]
    public void A_pickle_that_would_run_code_is_refused_and_names_what_it_asked_for(string file, string global)
    {
        Assert.Equal(global, Expected.GetProperty("refused").GetProperty(file).GetString());
        using var model = Net();
        var e = Assert.Throws<InvalidDataException>(() => model.load_weights(Fixture(file)));
        Assert.Contains(global, e.Message);
        Assert.Contains("refused", e.Message);
    }

    [Fact]
    public void Bad_files_get_one_sentence_saying_what_is_wrong()
    {
        var folder = Directory.CreateTempSubdirectory("tb-badweights").FullName;
        using var model = Net();

        var missing = Assert.Throws<FileNotFoundException>(() => model.load_weights(Path.Combine(folder, "none.pth")));
        Assert.Contains("no weights file", missing.Message);

        var legacy = Assert.Throws<InvalidDataException>(() => model.load_weights(Fixture("legacy.pth")));
        Assert.Contains("old (before 1.6) file format", legacy.Message);

        var checkpoint = Assert.Throws<InvalidDataException>(() => model.load_weights(Fixture("checkpoint.pth")));
        Assert.Contains("not a state_dict", checkpoint.Message);
        Assert.Contains("'model'", checkpoint.Message);

        foreach (var name in new[] { "sequential.pth", "sequential.safetensors" })
        {
            var bytes = File.ReadAllBytes(Fixture(name));
            var truncated = Path.Combine(folder, name);
            File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
            var e = Assert.Throws<InvalidDataException>(() => model.load_weights(truncated));
            Assert.Contains("truncated, damaged, or in another format", e.Message);
        }

        var extension = Assert.Throws<ArgumentException>(() => model.save_weights(Path.Combine(folder, "weights.bin")));
        Assert.Contains(".safetensors", extension.Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_old_file_as_it_was()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tb-atomic").FullName, "m.safetensors");
        using var model = Net();
        model.save_weights(path);
        var old = File.ReadAllBytes(path);
        var broken = new Dictionary<string, Tensor> { ["w"] = ones(2) };
        broken["w"].Dispose();
        Assert.ThrowsAny<Exception>(() => Torchbook.ModelFiles.save(broken, path));
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}

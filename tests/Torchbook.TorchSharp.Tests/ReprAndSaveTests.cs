using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

[Collection("libtorch global state")]
public class ReprAndSaveTests
{
    private static string R(string key) => Goldens.File("repr.json").GetProperty(key).GetString()!;

    [Fact]
    public void Tensors_print_as_pytorch_prints_them()
    {
        var leaf = tensor(new float[,] { { 0.1f, 0.2f } }, requires_grad: true);
        Assert.Equal(R("add_grad_fn"), (leaf + 1).ToString());
        Assert.Equal(R("leaf_requires_grad"), leaf.ToString());
        Assert.Equal(R("mm_grad_fn"), leaf.matmul(ones(2, 1)).ToString());
        Assert.Equal(R("sum_grad_fn"), (leaf * 2).sum().ToString());
        manual_seed(0);
        Assert.Equal(R("randn_3x3"), randn(3, 3).ToString());
        Assert.Equal(R("arange_2000"), arange(2000).ToString());
        Assert.Equal(R("rand_40x40"), rand(40, 40).ToString());
        Assert.Equal(R("int32"), tensor(new[] { 1, 2, 3 }).ToString());
        Assert.Equal(R("float64"), tensor(new[] { 1.5, 2.25 }).ToString());
        Assert.Equal(R("bool"), tensor(new[] { true, false }).ToString());
        Assert.Equal(R("scalar"), tensor(3.0f).ToString());
        Assert.Equal(R("empty"), zeros(0, 3).ToString());
        Assert.Equal(R("big_small"), tensor(new[] { 1e-5f, 1f, 1e5f }).ToString());
    }

    [Fact]
    public void Save_and_load_round_trip_in_pytorchs_format()
    {
        var dir = Directory.CreateTempSubdirectory("tb-save");
        var path = Path.Combine(dir.FullName, "t.pt");
        var t = randn(3, 4, dtype: float64);
        save(t, path);
        Assert.True(t.equal(load(path)));
        t.save(path);
        Assert.Single(Directory.GetFiles(dir.FullName));
        dir.Delete(true);
    }
}

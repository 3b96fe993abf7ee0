using TorchSharp;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>.pth files written by Python's torch.save (1.13).</summary>
public class PyTorchFixtureTests
{
    [Theory]
    [InlineData("sequential.pth")]
    [InlineData("checkpoint.pth")]
    [InlineData("dtypes.pth")]
    [InlineData("views.pth")]
    public void Reads_the_whole_object_exactly(string file)
    {
        object? value = PyTorchFile.LoadObject(ModelFileFixtures.PathOf(file));
        ExpectedGraph.AssertMatches(ModelFileFixtures.ExpectedFor(file), value);
    }

    [Fact]
    public void Reads_a_state_dict_by_name()
    {
        var state = PyTorchFile.LoadStateDict(ModelFileFixtures.PathOf("sequential.pth"));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], state.Keys);
        Assert.Equal([3L, 4L], state["0.weight"].Shape);
        Assert.Equal(ScalarType.Float32, state["2.bias"].DType);
        // The same tensors as the safetensors copy of the same state_dict.
        var safe = SafeTensorsFile.LoadTensors(ModelFileFixtures.PathOf("sequential.safetensors"));
        foreach (var (name, t) in state) Assert.Equal(t, safe[name]);
    }

    [Fact]
    public void A_checkpoint_is_not_a_state_dict_but_names_the_entry_that_is()
    {
        string path = ModelFileFixtures.PathOf("checkpoint.pth");
        var e = Assert.Throws<ModelFileException>(() => PyTorchFile.LoadStateDict(path));
        Assert.Contains("is not a state_dict", e.Message);
        Assert.Contains("pass entry: 'model'", e.Message);
        var model = PyTorchFile.LoadStateDict(path, entry: "model");
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.Keys);
        Assert.Contains("no entry 'weights'", Assert.Throws<ModelFileException>(() => PyTorchFile.LoadStateDict(path, "weights")).Message);
    }

    [Fact]
    public void Optimizer_state_keeps_integer_keys_and_nested_tensors()
    {
        var checkpoint = Assert.IsType<Dictionary<object, object?>>(PyTorchFile.LoadObject(ModelFileFixtures.PathOf("checkpoint.pth")));
        var optimizer = Assert.IsType<Dictionary<object, object?>>(checkpoint["optimizer"]);
        var state = Assert.IsType<Dictionary<object, object?>>(optimizer["state"]);
        Assert.Equal([0L, 1L, 2L, 3L], state.Keys);
        var buffer = Assert.IsType<RawTensor>(Assert.IsType<Dictionary<object, object?>>(state[0L])["momentum_buffer"]);
        Assert.Equal([3L, 4L], buffer.Shape);
        Assert.Equal(3L, checkpoint["epoch"]);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 70), checkpoint["big"]);
    }

    [Fact]
    public void Views_become_independent_contiguous_tensors()
    {
        var views = PyTorchFile.LoadStateDict(ModelFileFixtures.PathOf("views.pth"));
        // transposed: grid (3,4) of 0..11, transposed to (4,3).
        Assert.Equal([0f, 4f, 8f, 1f, 5f, 9f, 2f, 6f, 10f, 3f, 7f, 11f], views["transposed"].ToArray<float>());
        Assert.Equal([2f, 3f, 4f, 5f, 6f, 7f], views["shared_a"].ToArray<float>());
        Assert.Equal([1f, 5f, 9f], views["shared_b"].ToArray<float>());
        Assert.Equal(Enumerable.Repeat(7f, 6), views["expanded"].ToArray<float>());
        Assert.Equal([0L, 3L, 6L, 9L], views["every_third"].ToArray<long>());
        // Shared storage in Python, separate arrays here: writing one leaves the others alone.
        views["base"].Data[0] = 0xFF;
        Assert.Equal(0f, views["transposed"].ToArray<float>()[0]);
        Assert.NotSame(views["base"].Data, views["shared_a"].Data);
    }

    [Fact]
    public void Reads_the_same_from_a_non_seekable_stream()
    {
        string path = ModelFileFixtures.PathOf("dtypes.pth");
        using var pipe = new NonSeekableStream(File.ReadAllBytes(path));
        var fromPipe = PyTorchFile.ReadStateDict(pipe, "dtypes.pth");
        var fromPath = PyTorchFile.LoadStateDict(path);
        Assert.Equal(fromPath.Keys, fromPipe.Keys);
        foreach (var (name, t) in fromPath) Assert.Equal(t, fromPipe[name]);
    }

    [Fact]
    public void The_legacy_format_is_refused_with_a_way_out()
    {
        var e = Assert.Throws<ModelFileException>(() => PyTorchFile.LoadObject(ModelFileFixtures.PathOf("legacy.pth")));
        Assert.Contains("legacy (pre-1.6) format", e.Message);
        Assert.Contains("torch.save(torch.load(path), path)", e.Message);
    }
}

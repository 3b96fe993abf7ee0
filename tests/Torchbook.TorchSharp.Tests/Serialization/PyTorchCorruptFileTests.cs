using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Broken .pth files give a ModelFileException naming the file and saying what is wrong.</summary>
public class PyTorchCorruptFileTests
{
    static ModelFileException Fails(byte[] bytes, string name = "broken.pth")
    {
        var e = Assert.Throws<ModelFileException>(() => PyTorchFile.ReadObject(new MemoryStream(bytes), name));
        Assert.StartsWith(name + ": ", e.Message);
        return e;
    }

    static byte[] OneTensor(byte[] storage, int numel = 2, int offset = 0, int[]? size = null, int[]? stride = null, byte[]? pickle = null) =>
        CraftedZip.Make(
            ("data.pkl", pickle ?? new PickleBuilder().BeginDict().Str("w").Tensor("0", numel, offset, size ?? [2], stride ?? [1]).EndDict().Stop()),
            ("data/0", storage),
            ("version", CraftedZip.Version));

    [Fact]
    public void The_crafted_base_case_reads()
    {
        var state = PyTorchFile.ReadStateDict(new MemoryStream(OneTensor(CraftedZip.Floats(1, 2))));
        Assert.Equal([1f, 2f], state["w"].ToArray<float>());
    }

    [Fact]
    public void Truncated_files_are_refused()
    {
        byte[] whole = File.ReadAllBytes(ModelFileFixtures.PathOf("sequential.pth"));
        foreach (int length in new[] { 0, 3, 100, whole.Length / 2, whole.Length - 30, whole.Length - 1 })
            Fails(whole[..length], "sequential.pth");
    }

    [Fact]
    public void Files_that_are_not_torch_zips_are_refused()
    {
        Assert.Contains("not a torch.save file", Fails("hello, world"u8.ToArray()).Message);
        Assert.Contains("too short", Fails([]).Message);
        Assert.Contains("no archive/data.pkl", Fails(CraftedZip.Make(("weights.bin", [1, 2, 3]))).Message);
        Assert.Contains("TorchScript", Fails(CraftedZip.Make(("data.pkl_missing", [1]), ("constants.pkl", [1]))).Message);
    }

    [Fact]
    public void A_missing_data_pkl_is_refused()
    {
        var e = Fails(CraftedZip.Make(("data/0", CraftedZip.Floats(1, 2)), ("version", CraftedZip.Version)));
        Assert.Contains("no archive/data.pkl", e.Message);
    }

    [Fact]
    public void A_missing_or_short_storage_record_names_the_tensor()
    {
        byte[] pickle = new PickleBuilder().BeginDict().Str("fc.weight").Tensor("0", 2, 0, [2], [1]).EndDict().Stop();
        var missing = Fails(CraftedZip.Make(("data.pkl", pickle), ("version", CraftedZip.Version)));
        Assert.Equal("fc.weight", missing.TensorName);
        Assert.Contains("archive/data/0 is missing", missing.Message);

        var shortRecord = Fails(CraftedZip.Make(("data.pkl", pickle), ("data/0", CraftedZip.Floats(1)), ("version", CraftedZip.Version)));
        Assert.Contains("holds 4 bytes but the pickle declares 2 Float32 elements (8 bytes)", shortRecord.Message);
    }

    [Fact]
    public void Views_outside_their_storage_are_refused()
    {
        Assert.Contains("reaches element 2 of storage 0, which has 2", Fails(OneTensor(CraftedZip.Floats(1, 2), offset: 1, size: [2])).Message);
        Assert.Contains("reaches element 3 of storage 0, which has 2", Fails(OneTensor(CraftedZip.Floats(1, 2), size: [2, 2], stride: [2, 1])).Message);
        Assert.Contains("1 sizes but 2 strides", Fails(OneTensor(CraftedZip.Floats(1, 2), size: [2], stride: [1, 1])).Message);
        Assert.Contains("more elements than one .NET array", Fails(OneTensor(CraftedZip.Floats(1, 2), size: [int.MaxValue, int.MaxValue], stride: [0, 0])).Message);
    }

    [Fact]
    public void Truncated_or_malformed_pickles_are_refused()
    {
        byte[] full = new PickleBuilder().BeginDict().Str("w").Tensor("0", 2, 0, [2], [1]).EndDict().Stop();
        for (int length = 2; length < full.Length; length += 7)
        {
            var e = Fails(OneTensor(CraftedZip.Floats(1, 2), pickle: full[..length]));
            Assert.Contains("archive/data.pkl", e.Message);
        }
        Assert.Contains("memo entry 9 read before it was written", Fails(OneTensor([], pickle: new PickleBuilder().Op('h').Op((byte)9).Stop())).Message);
        Assert.Contains("pop from an empty stack", Fails(OneTensor([], pickle: new PickleBuilder().Op('R').Stop())).Message);
        Assert.Contains("opcode UNICODE", Fails(OneTensor([], pickle: new PickleBuilder().Op('V').Stop())).Message);
    }

    [Fact]
    public void A_bad_byteorder_record_is_refused_and_big_endian_storages_are_swapped()
    {
        byte[] pickle = new PickleBuilder().BeginDict().Str("w").Tensor("0", 2, 0, [2], [1]).EndDict().Stop();
        Assert.Contains("neither 'little' nor 'big'", Fails(CraftedZip.Make(("data.pkl", pickle), ("byteorder", "middle"u8.ToArray()), ("data/0", CraftedZip.Floats(1, 2)))).Message);

        byte[] bigEndian = CraftedZip.Floats(1, 2).Chunk(4).SelectMany(c => c.Reverse()).ToArray();
        var state = PyTorchFile.ReadStateDict(new MemoryStream(CraftedZip.Make(("data.pkl", pickle), ("byteorder", "big"u8.ToArray()), ("data/0", bigEndian))));
        Assert.Equal([1f, 2f], state["w"].ToArray<float>());
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using TorchSharp;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

public class PyTorchRoundTripTests
{
    static OrderedDictionary<string, RawTensor> Sample() => new()
    {
        ["fc.weight"] = RawTensor.Create<float>([0.5f, -1f, 2f, 3.25f, -0f, float.NaN], [2, 3]),
        ["fc.bias"] = RawTensor.Create<float>([1f, 2f], [2]),
        ["bn.num_batches_tracked"] = RawTensor.Create<long>([7], []),
        ["mask"] = RawTensor.Create<bool>([true, false, true], [3]),
        ["half"] = RawTensor.Create<Half>([(Half)1.5, Half.NegativeInfinity], [2]),
        ["bf16"] = RawTensor.Create<ushort>([0x3FC0], [1], ScalarType.BFloat16),
        ["empty"] = new RawTensor(ScalarType.Float64, [0, 4], []),
        ["u8"] = RawTensor.Create<byte>([0, 255], [2]),
        ["i8"] = RawTensor.Create<sbyte>([-128], [1]),
        ["i16"] = RawTensor.Create<short>([-2, 3], [1, 2]),
        ["i32"] = RawTensor.Create<int>([int.MaxValue], [1, 1, 1]),
    };

    [Fact]
    public void SaveStateDict_then_LoadStateDict_gives_identical_tensors_in_order()
    {
        using var dir = new TempFolder();
        string path = dir.File("weights.pth");
        var state = Sample();
        PyTorchFile.SaveStateDict(path, state);
        var back = PyTorchFile.LoadStateDict(path);
        Assert.Equal(state.Keys, back.Keys);
        foreach (var (name, t) in state) Assert.Equal(t, back[name]);
        Assert.Equal(["weights.pth"], dir.Names());
        // The root is an OrderedDict, as torch.save writes a state_dict.
        Assert.IsType<OrderedDictionary<object, object?>>(PyTorchFile.LoadObject(path));
    }

    [Fact]
    public void Nested_checkpoints_round_trip_with_their_python_types()
    {
        var tensor = RawTensor.Create<float>([1f, 2f], [2]);
        var checkpoint = new Dictionary<object, object?>
        {
            ["model"] = Sample(),
            ["epoch"] = 3L,
            ["lr"] = 0.125,
            ["name"] = "tiny ✓",
            ["history"] = new List<object?> { 1.5, 0.75, null, true },
            ["shape"] = new object?[] { 2L, 3L, 4L, 5L },
            ["pair"] = new object?[] { "a", 1L },
            ["big"] = BigInteger.Pow(2, 70),
            ["negative"] = -70000L,
            ["int64_min"] = long.MinValue,
            [5L] = "integer key",
            ["same_twice"] = new List<object?> { tensor, tensor },
        };
        using var stream = new MemoryStream();
        PyTorchFile.WriteObject(stream, checkpoint);
        stream.Position = 0;
        var back = Assert.IsType<Dictionary<object, object?>>(PyTorchFile.ReadObject(stream));
        Assert.Equal(checkpoint.Keys, back.Keys);
        Assert.Equal(3L, back["epoch"]);
        Assert.Equal(0.125, back["lr"]);
        Assert.Equal("tiny ✓", back["name"]);
        Assert.Equal(new List<object?> { 1.5, 0.75, null, true }, back["history"]);
        Assert.Equal(new object?[] { 2L, 3L, 4L, 5L }, back["shape"]);
        Assert.Equal(new object?[] { "a", 1L }, back["pair"]);
        Assert.Equal(BigInteger.Pow(2, 70), back["big"]);
        Assert.Equal(-70000L, back["negative"]);
        Assert.Equal(long.MinValue, back["int64_min"]);
        Assert.Equal("integer key", back[5L]);
        var model = Assert.IsType<OrderedDictionary<object, object?>>(back["model"]);
        foreach (var (name, t) in Sample()) Assert.Equal(t, model[name]);
        // One tensor object written twice is one object read back.
        var twice = Assert.IsType<List<object?>>(back["same_twice"]);
        Assert.Same(twice[0], twice[1]);
        Assert.Equal(tensor, twice[0]);
    }

    [Fact]
    public void Storage_records_are_aligned_to_64_bytes_as_torch_aligns_them()
    {
        byte[] file = ToBytes(Sample());
        using var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read);
        Assert.Equal("archive/data.pkl", zip.Entries[0].FullName);
        Assert.Contains(zip.Entries, e => e.FullName == "archive/version");
        Assert.Contains(zip.Entries, e => e.FullName == "archive/byteorder");
        int records = 0;
        for (int offset = 0; BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset)) == 0x04034b50; records++)
        {
            Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 8))); // stored
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 26));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 28));
            Assert.Equal((byte)'F', file[offset + 30 + nameLength]);
            Assert.Equal((byte)'B', file[offset + 31 + nameLength]);
            int dataStart = offset + 30 + nameLength + extraLength;
            Assert.Equal(0, dataStart % 64);
            string name = System.Text.Encoding.UTF8.GetString(file, offset + 30, nameLength);
            long size = zip.GetEntry(name)!.Length;
            offset = dataStart + (int)size + 16; // data descriptor
        }
        Assert.Equal(zip.Entries.Count, records);
    }

    [Fact]
    public void Storages_match_the_ones_torch_wrote_for_the_same_state_dict()
    {
        string torchFile = ModelFileFixtures.PathOf("sequential.pth");
        var state = PyTorchFile.LoadStateDict(torchFile);
        using var ours = new ZipArchive(new MemoryStream(ToBytes(state)), ZipArchiveMode.Read);
        using var theirs = ZipFile.OpenRead(torchFile);
        for (int i = 0; i < state.Count; i++)
            Assert.Equal(ReadEntry(theirs, $"sequential/data/{i}"), ReadEntry(ours, $"archive/data/{i}"));
        Assert.Equal(ReadEntry(theirs, "sequential/version"), ReadEntry(ours, "archive/version"));
    }

    [Fact]
    public void Records_carry_the_standard_CRC_32()
    {
        // CRC-32 of "123456789" is the standard check value 0xCBF43926.
        var state = new OrderedDictionary<string, RawTensor> { ["w"] = RawTensor.Create("123456789"u8.ToArray()) };
        byte[] file = ToBytes(state);
        byte[] name = "archive/data/0"u8.ToArray();
        int header = file.AsSpan().IndexOf(name) - 30;
        int dataStart = header + 30 + name.Length + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(header + 28));
        Assert.Equal("123456789"u8.ToArray(), file[dataStart..(dataStart + 9)]);
        Assert.Equal(0x08074b50u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(dataStart + 9)));
        Assert.Equal(0xCBF43926u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(dataStart + 13)));
    }

    [Fact]
    public void The_archive_folder_is_named_after_the_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("resnet18-f37072fd.pth");
        PyTorchFile.SaveStateDict(path, Sample());
        using var zip = ZipFile.OpenRead(path);
        Assert.All(zip.Entries, e => Assert.StartsWith("resnet18-f37072fd/", e.FullName));
    }

    [Fact]
    public void Unsupported_values_and_cycles_are_refused_with_their_path_before_writing()
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.pth");
        var bad = new Dictionary<object, object?> { ["model"] = new Dictionary<object, object?> { ["when"] = DateTime.UnixEpoch } };
        var e = Assert.Throws<ArgumentException>(() => PyTorchFile.SaveObject(path, bad));
        Assert.Contains("[model][when]", e.Message);
        Assert.Contains("DateTime", e.Message);
        var cyclic = new List<object?>();
        cyclic.Add(cyclic);
        Assert.Contains("contains itself", Assert.Throws<ArgumentException>(() => PyTorchFile.SaveObject(path, cyclic)).Message);
        Assert.Empty(dir.Names());
    }

    static byte[] ToBytes(OrderedDictionary<string, RawTensor> state)
    {
        using var stream = new MemoryStream();
        PyTorchFile.WriteStateDict(stream, state);
        return stream.ToArray();
    }

    static byte[] ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"no {name}");
        using var s = entry.Open();
        var bytes = new byte[entry.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}

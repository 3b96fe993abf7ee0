using System.Buffers.Binary;
using System.Text;
using TorchSharp;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

public class SafeTensorsRoundTripTests
{
    static OrderedDictionary<string, RawTensor> Sample() => new()
    {
        ["fc.weight"] = RawTensor.Create<float>([0.5f, -1f, 2f, 3.25f, -0f, float.NaN], [2, 3]),
        ["fc.bias"] = RawTensor.Create<float>([1f, 2f], [2]),
        ["steps"] = RawTensor.Create<long>([long.MinValue], []),
        ["mask"] = RawTensor.Create<bool>([true, false, true], [3]),
        ["half"] = RawTensor.Create<Half>([(Half)1.5, Half.NegativeInfinity], [2]),
        ["bf16"] = RawTensor.Create<ushort>([0x3FC0], [1], ScalarType.BFloat16),
        ["empty"] = new RawTensor(ScalarType.Float64, [0, 4], []),
        ["bytes"] = RawTensor.Create<byte>([0, 255], [2]),
        ["i8"] = RawTensor.Create<sbyte>([-128], [1]),
        ["i16"] = RawTensor.Create<short>([-2, 3], [1, 2]),
        ["i32"] = RawTensor.Create<int>([int.MaxValue], [1, 1, 1]),
        ["d"] = RawTensor.Create<double>([Math.PI], [1]),
    };

    [Fact]
    public void Save_then_Load_gives_identical_tensors_and_metadata()
    {
        using var dir = new TempFolder();
        string path = dir.File("model.safetensors");
        var tensors = Sample();
        SafeTensorsFile.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" backslash \\ newline \n ünïcode" });
        var back = SafeTensorsFile.Load(path);
        Assert.Equal(tensors.Count, back.Tensors.Count);
        foreach (var (name, t) in tensors) Assert.Equal(t, back.Tensors[name]);
        Assert.Equal("quote \" backslash \\ newline \n ünïcode", back.Metadata["note"]);
        Assert.Equal(File.ReadAllBytes(path), SafeTensorsFile.ToBytes(back.Tensors, back.Metadata));
        Assert.Equal(["model.safetensors"], dir.Names());
    }

    [Fact]
    public void The_header_is_padded_with_spaces_to_a_multiple_of_8()
    {
        for (int nameLength = 1; nameLength <= 9; nameLength++)
        {
            byte[] bytes = SafeTensorsFile.ToBytes([new(new string('w', nameLength), RawTensor.Create<float>([1f], [1]))]);
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            Assert.Equal(0UL, n % 8);
            string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
            Assert.Equal(header.TrimEnd(' ').Length + (int)(n - (ulong)Encoding.UTF8.GetByteCount(header.TrimEnd(' '))), header.Length);
            Assert.True(header.TrimEnd(' ').EndsWith('}'));
        }
    }

    [Fact]
    public void Matches_the_reference_implementations_own_test_vectors()
    {
        // From the reference's tests: F32 "attn.0" [1,2,3] = 0..5, and an empty file with and without metadata.
        byte[] data = new float[] { 0, 1, 2, 3, 4, 5 }.SelectMany(BitConverter.GetBytes).ToArray();
        byte[] bytes = SafeTensorsFile.ToBytes([new("attn.0", new RawTensor(ScalarType.Float32, [1, 2, 3], data))]);
        string header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        Assert.Equal(64, header.Length);
        Assert.Equal(BitConverter.GetBytes(64UL).Concat(Encoding.ASCII.GetBytes(header)).Concat(data), bytes);

        Assert.Equal([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32], SafeTensorsFile.ToBytes([]));
        byte[] withMetadata = SafeTensorsFile.ToBytes([], new Dictionary<string, string> { ["framework"] = "pt" });
        Assert.Equal(BitConverter.GetBytes(40UL).Concat(Encoding.ASCII.GetBytes("{\"__metadata__\":{\"framework\":\"pt\"}}     ")), withMetadata);
    }

    [Fact]
    public void An_empty_file_reads_back_empty()
    {
        var content = SafeTensorsFile.Read(SafeTensorsFile.ToBytes([]));
        Assert.Empty(content.Tensors);
        Assert.Empty(content.Metadata);
    }

    [Fact]
    public void Writing_refuses_reserved_and_duplicate_names_and_dtypes_the_format_lacks()
    {
        var t = RawTensor.Create<float>([1f], [1]);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => SafeTensorsFile.ToBytes([new("__metadata__", t)])).Message);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => SafeTensorsFile.ToBytes([new("a", t), new("a", t)])).Message);
        var complex = new RawTensor(ScalarType.ComplexFloat32, [1], new byte[8]);
        var e = Assert.Throws<ArgumentException>(() => SafeTensorsFile.ToBytes([new("z", complex)]));
        Assert.Contains("'z'", e.Message);
        Assert.Contains("ComplexFloat32", e.Message);
    }
}

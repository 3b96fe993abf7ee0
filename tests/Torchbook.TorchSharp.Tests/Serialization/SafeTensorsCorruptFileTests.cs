using System.Buffers.Binary;
using System.Text;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Every way a safetensors file can be broken gives a ModelFileException naming the file
/// (and the tensor, where there is one).</summary>
public class SafeTensorsCorruptFileTests
{
    static byte[] File(string header, int dataLength)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    static ModelFileException Fails(byte[] bytes, string name = "broken.safetensors")
    {
        var e = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(bytes, name));
        Assert.StartsWith(name + ": ", e.Message);
        Assert.Equal(name, e.FilePath);
        // The same failure through a file on disk.
        using var dir = new TempFolder();
        string path = dir.File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        var fromDisk = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Load(path));
        Assert.Equal(e.Message.Replace(name, path), fromDisk.Message);
        return e;
    }

    const string Good = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]}}";

    [Fact]
    public void The_well_formed_base_case_reads()
    {
        var content = SafeTensorsFile.Read(File(Good, 16));
        Assert.Equal(["a", "b"], content.Tensors.Keys);
    }

    [Fact]
    public void Truncated_files_are_refused_wherever_they_are_cut()
    {
        byte[] whole = File(Good, 16);
        for (int length = 0; length < whole.Length; length++)
        {
            var e = Fails(whole[..length]);
            Assert.Matches("truncated|too short|not safetensors|does not start|not valid JSON|describes", e.Message);
        }
        Assert.Contains("it is 3 bytes long", Fails(whole[..3]).Message);
        Assert.Contains("reach past the end of the data", Fails(whole[..^1]).Message);
        Assert.Equal("b", Fails(whole[..^1]).TensorName);
    }

    [Fact]
    public void A_header_length_beyond_the_file_or_the_limit_is_refused()
    {
        byte[] bytes = File(Good, 16);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1_000_000);
        Assert.Contains("header length field says 1000000 bytes but only", Fails(bytes).Message);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Contains("more than the 100000000 allowed", Fails(bytes).Message);
    }

    [Fact]
    public void Bad_JSON_is_refused()
    {
        Assert.Contains("not valid JSON", Fails(File("{\"a\":{\"dtype\":\"F32\",", 0)).Message);
        Assert.Contains("does not start with '{'", Fails(File("[1, 2]  ", 0)).Message);
        Assert.Contains("no dtype string", Fails(File("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4)).Message);
        Assert.Contains("no shape array", Fails(File("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4)).Message);
        Assert.Contains("not a non-negative integer", Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)).Message);
        Assert.Contains("needs exactly 2", Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)).Message);
        Assert.Contains("not a string", Fails(File("{\"__metadata__\":{\"epoch\":3}}", 0)).Message);
    }

    [Fact]
    public void Offsets_out_of_range_overlapping_or_with_gaps_are_refused()
    {
        var outOfRange = Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4));
        Assert.Equal("a", outOfRange.TensorName);
        Assert.Contains("tensor 'a': data_offsets [0, 8] reach past the end of the data (4 bytes)", outOfRange.Message);

        var overlap = Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        Assert.Contains("overlap tensor 'a'", overlap.Message);
        Assert.Equal("b", overlap.TensorName);

        Assert.Contains("leave a gap", Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)).Message);
        Assert.Contains("end before they begin", Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8)).Message);
        Assert.Contains("hold 8 bytes, but F32 [3] needs 12", Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8)).Message);
        Assert.Contains("describes 8 bytes of tensor data but the file holds 12", Fails(File("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12)).Message);
    }

    [Fact]
    public void Unknown_and_unsupported_dtypes_are_refused_by_name()
    {
        var unknown = Fails(File("{\"w\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", 16));
        Assert.Contains("tensor 'w': unknown dtype 'F128'", unknown.Message);
        Assert.Contains("F32", unknown.Message);
        var unsupported = Fails(File("{\"w\":{\"dtype\":\"U16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2));
        Assert.Contains("dtype 'U16' has no Torchbook tensor type", unsupported.Message);
    }

    [Fact]
    public void Duplicate_names_are_refused()
    {
        var e = Fails(File("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}", 2));
        Assert.Contains("tensor 'a': the header lists this name twice", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException()
    {
        using var dir = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => SafeTensorsFile.Load(dir.File("model.safetensors")));
    }
}

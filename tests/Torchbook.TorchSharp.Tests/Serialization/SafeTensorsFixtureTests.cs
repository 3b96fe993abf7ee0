using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>safetensors files written by Python (in the reference writer's layout).</summary>
public class SafeTensorsFixtureTests
{
    [Theory]
    [InlineData("sequential.safetensors")]
    [InlineData("dtypes.safetensors")]
    public void Reads_every_tensor_exactly(string file)
    {
        var content = SafeTensorsFile.Load(ModelFileFixtures.PathOf(file));
        ExpectedGraph.AssertTensorsMatch(ModelFileFixtures.ExpectedFor(file), content.Tensors);
    }

    [Theory]
    [InlineData("sequential.safetensors")]
    [InlineData("dtypes.safetensors")]
    public void Reads_the_same_from_a_path_a_stream_a_pipe_and_bytes(string file)
    {
        string path = ModelFileFixtures.PathOf(file);
        var fromPath = SafeTensorsFile.Load(path).Tensors;
        using var stream = File.OpenRead(path);
        var fromStream = SafeTensorsFile.Read(stream, file).Tensors;
        var fromBytes = SafeTensorsFile.Read(File.ReadAllBytes(path), file).Tensors;
        using var pipe = new NonSeekableStream(File.ReadAllBytes(path));
        var fromPipe = SafeTensorsFile.Read(pipe, file).Tensors;
        foreach (var other in new[] { fromStream, fromBytes, fromPipe })
        {
            Assert.Equal(fromPath.Keys, other.Keys);
            foreach (var (name, t) in fromPath) Assert.Equal(t, other[name]);
        }
    }

    [Fact]
    public void Reads_metadata_and_keeps_the_header_order()
    {
        var content = SafeTensorsFile.Load(ModelFileFixtures.PathOf("dtypes.safetensors"));
        Assert.Equal("every dtype", content.Metadata["note"]);
        // The reference layout: descending dtype (I64, F64, F32, I32, BF16, F16, I16, I8, U8, BOOL), then name.
        Assert.Equal(["int64", "float64", "scalar", "empty", "float32", "int32", "bfloat16", "float16", "int16", "int8", "uint8", "bool"],
            content.Tensors.Keys);
    }

    [Theory]
    [InlineData("sequential.safetensors")]
    [InlineData("dtypes.safetensors")]
    public void Our_writer_reproduces_the_reference_layout_byte_for_byte(string file)
    {
        string path = ModelFileFixtures.PathOf(file);
        var content = SafeTensorsFile.Load(path);
        // Shuffle the input order: the writer must sort as the reference does.
        var shuffled = content.Tensors.Reverse().ToList();
        Assert.Equal(File.ReadAllBytes(path), SafeTensorsFile.ToBytes(shuffled, content.Metadata));
    }
}

/// <summary>A read-only stream that cannot seek, like a pipe or a network response.</summary>
sealed class NonSeekableStream(byte[] data) : Stream
{
    readonly MemoryStream _inner = new(data);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Vision.Models;

/// <summary>
/// The parts of an ONNX file a weight port needs: its nodes in file order and its float initializers as tensors
/// (read with OnnxSharp, which parses the protobuf).
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, TensorProto> _initializers;

    private OnnxGraph(string path, GraphProto graph)
    {
        Path = path;
        Nodes = graph.Node;
        _initializers = graph.Initializer.ToDictionary(t => t.Name);
    }

    public string Path { get; }
    public IReadOnlyList<NodeProto> Nodes { get; }

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model (or is damaged).</exception>
    public static OnnxGraph Read(string path, string remedy)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing. {remedy}", path);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFromFile(path);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX model ({e.Message}); it may be damaged or cut short. {remedy}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new InvalidDataException($"{path} holds no ONNX graph. {remedy}");
        return new OnnxGraph(path, model.Graph);
    }

    /// <summary>The initializer <paramref name="name"/> as a float32 tensor of its own shape.</summary>
    /// <exception cref="InvalidDataException">The file has no such initializer, or it is not float32.</exception>
    public Tensor Initializer(string name)
    {
        if (!_initializers.TryGetValue(name, out var t))
            throw new InvalidDataException($"{Path}: the graph uses the initializer '{name}', which the file does not contain.");
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{Path}: initializer '{name}' has ONNX data type {t.DataType}; only float32 (1) is read.");
        var shape = t.Dims.ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        float[] values;
        if (t.FloatData.Count > 0) values = t.FloatData.ToArray();
        else
        {
            var raw = t.RawData.Span;   // little-endian float32, as ONNX stores raw data
            values = new float[raw.Length / 4];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).CopyTo(values);
        }
        if (values.Length != count)
            throw new InvalidDataException($"{Path}: initializer '{name}' should hold {count} values for shape [{string.Join(", ", shape)}] but holds {values.Length}.");
        return tensor(values, shape);
    }

    /// <summary>The node that reads <paramref name="output"/>, if exactly one does.</summary>
    public NodeProto? OnlyConsumer(string output)
    {
        var readers = Nodes.Where(n => n.Input.Contains(output)).Take(2).ToList();
        return readers.Count == 1 ? readers[0] : null;
    }
}

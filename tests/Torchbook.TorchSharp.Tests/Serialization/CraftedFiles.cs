using System.IO.Compression;
using System.Text;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Builds pickles opcode by opcode and zips laid out like torch.save's, for tests of
/// what a corrupt or hostile file does.</summary>
sealed class PickleBuilder
{
    readonly List<byte> _bytes = [0x80, 0x02];

    public PickleBuilder Op(char opcode) { _bytes.Add((byte)opcode); return this; }
    public PickleBuilder Op(byte opcode) { _bytes.Add(opcode); return this; }
    public PickleBuilder Global(string module, string name) { Op('c'); _bytes.AddRange(Encoding.ASCII.GetBytes(module + "\n" + name + "\n")); return this; }

    public PickleBuilder Str(string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s);
        Op('X');
        _bytes.AddRange(BitConverter.GetBytes((uint)b.Length));
        _bytes.AddRange(b);
        return this;
    }

    public PickleBuilder Int(int v) { Op('J'); _bytes.AddRange(BitConverter.GetBytes(v)); return this; }

    public PickleBuilder Tuple(params int[] values)
    {
        Op('(');
        foreach (int v in values) Int(v);
        return Op('t');
    }

    /// <summary>_rebuild_tensor_v2(('storage', torch.FloatStorage, key, 'cpu', numel), offset, size, stride, False, OrderedDict()).</summary>
    public PickleBuilder Tensor(string key, int numel, int offset, int[] size, int[] stride, string storageClass = "FloatStorage")
    {
        Global("torch._utils", "_rebuild_tensor_v2");
        Op('(');
        Op('(').Str("storage").Global("torch", storageClass).Str(key).Str("cpu").Int(numel).Op('t').Op('Q');
        Int(offset).Tuple(size).Tuple(stride).Op((byte)0x89);
        Global("collections", "OrderedDict").Op(')').Op('R');
        return Op('t').Op('R');
    }

    /// <summary>OrderedDict() then MARK: follow with key/value pairs and EndDict().</summary>
    public PickleBuilder BeginDict() => Global("collections", "OrderedDict").Op(')').Op('R').Op('(');
    public PickleBuilder EndDict() => Op('u');

    public byte[] Stop() { Op('.'); return _bytes.ToArray(); }
    public byte[] Unfinished() => _bytes.ToArray();
}

static class CraftedZip
{
    /// <summary>A zip with the given records under <c>archive/</c> (stored, uncompressed).</summary>
    public static byte[] Make(params (string Name, byte[] Data)[] records) => MakeIn("archive", records);

    public static byte[] MakeIn(string folder, params (string Name, byte[] Data)[] records)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in records)
            {
                var entry = zip.CreateEntry(folder.Length == 0 ? name : folder + "/" + name, CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(data);
            }
        }
        return stream.ToArray();
    }

    public static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    public static byte[] Version => "3\n"u8.ToArray();
}

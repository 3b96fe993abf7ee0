using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Text;
using static TorchSharp.Serialization.PickleOpcodes;

namespace TorchSharp.Serialization;

/// <summary>
/// Writes the protocol-2 pickle that torch.save writes (<c>data.pkl</c>): tensors as
/// <c>torch._utils._rebuild_tensor_v2(persistent storage, 0, size, stride, False, OrderedDict())</c>
/// with persistent ids <c>('storage', torch.FloatStorage, key, 'cpu', numel)</c>, and plain values
/// and collections as Python's pickler writes them. Each distinct RawTensor gets its own storage
/// (the same RawTensor object written twice stays one object in Python).
/// </summary>
sealed class PickleWriter
{
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Deepest nesting of containers written (the writer recurses).</summary>
    const int MaxDepth = 1000;

    readonly MemoryStream _out = new();
    readonly Dictionary<RawTensor, int> _tensorMemo = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<object> _open = new(ReferenceEqualityComparer.Instance);
    int _memoCount;

    /// <summary>The storages, in key order ("0", "1", ...): record data/&lt;index&gt;.</summary>
    public List<RawTensor> Storages { get; } = [];

    public byte[] Pickle(object? root)
    {
        _out.WriteByte(PROTO);
        _out.WriteByte(2);
        Save(root, "<root>");
        _out.WriteByte(STOP);
        return _out.ToArray();
    }

    void Save(object? value, string path)
    {
        switch (value)
        {
            case null: _out.WriteByte(NONE); break;
            case bool b: _out.WriteByte(b ? NEWTRUE : NEWFALSE); break;
            case sbyte or byte or short or ushort or int or uint or long: SaveInteger(Convert.ToInt64(value)); break;
            case ulong u: SaveInteger(new BigInteger(u)); break;
            case BigInteger big: SaveInteger(big); break;
            case float or double or Half:
            {
                Span<byte> bytes = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(bytes, Convert.ToDouble(value is Half h ? (double)h : value));
                _out.WriteByte(BINFLOAT);
                _out.Write(bytes);
                break;
            }
            case string s: SaveString(s, path); break;
            case RawTensor t: SaveTensor(t); break;
            case object?[] tuple: Nested(tuple, path, () => SaveTuple(tuple, path)); break;
            case IDictionary dict: Nested(dict, path, () => SaveDict(dict, path)); break;
            case IList list: Nested(list, path, () => SaveList(list, path)); break;
            default:
                throw new ArgumentException(
                    $"The value at {path} is a {value.GetType().Name}, which a .pth cannot hold; use null, bool, integers, " +
                    "floats, strings, RawTensor, object?[] (tuple), lists and dictionaries.");
        }
    }

    void Nested(object container, string path, Action save)
    {
        if (!_open.Add(container))
            throw new ArgumentException($"The value at {path} contains itself; cyclic structures cannot be saved.");
        if (_open.Count > MaxDepth)
            throw new ArgumentException($"The value at {path} is nested more than {MaxDepth} levels deep.");
        save();
        _open.Remove(container);
    }

    void SaveInteger(BigInteger v)
    {
        if (v >= long.MinValue && v <= long.MaxValue)
        {
            SaveInteger((long)v);
            return;
        }
        byte[] bytes = v.ToByteArray(isUnsigned: false, isBigEndian: false);
        if (bytes.Length < 256)
        {
            _out.WriteByte(LONG1);
            _out.WriteByte((byte)bytes.Length);
        }
        else
        {
            _out.WriteByte(LONG4);
            WriteUInt32((uint)bytes.Length);
        }
        _out.Write(bytes);
    }

    void SaveInteger(long v)
    {
        if (v is >= 0 and <= 0xff)
        {
            _out.WriteByte(BININT1);
            _out.WriteByte((byte)v);
        }
        else if (v is >= 0 and <= 0xffff)
        {
            _out.WriteByte(BININT2);
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
            _out.Write(b);
        }
        else if (v is >= int.MinValue and <= int.MaxValue)
        {
            _out.WriteByte(BININT);
            WriteUInt32((uint)(int)v);
        }
        else
        {
            // Python writes ints beyond 32 bits as LONG1: minimal two's complement, little-endian.
            byte[] bytes = new BigInteger(v).ToByteArray(isUnsigned: false, isBigEndian: false);
            _out.WriteByte(LONG1);
            _out.WriteByte((byte)bytes.Length);
            _out.Write(bytes);
        }
    }

    void SaveString(string s, string path)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(s);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The string at {path} is not valid Unicode (an unpaired surrogate).", e);
        }
        _out.WriteByte(BINUNICODE);
        WriteUInt32((uint)bytes.Length);
        _out.Write(bytes);
    }

    void SaveGlobal(string module, string name)
    {
        _out.WriteByte(GLOBAL);
        _out.Write(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));
    }

    void SaveTensor(RawTensor t)
    {
        if (_tensorMemo.TryGetValue(t, out int memo))
        {
            if (memo < 256)
            {
                _out.WriteByte(BINGET);
                _out.WriteByte((byte)memo);
            }
            else
            {
                _out.WriteByte(LONG_BINGET);
                WriteUInt32((uint)memo);
            }
            return;
        }

        string key = Storages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Storages.Add(t);
        SaveGlobal("torch._utils", "_rebuild_tensor_v2");
        _out.WriteByte(MARK);
        {
            _out.WriteByte(MARK);
            SaveString("storage", "");
            SaveGlobal("torch", TorchStorageTypes.ClassNameOf(t.DType));
            SaveString(key, "");
            SaveString("cpu", "");
            SaveInteger(t.NumElements);
            _out.WriteByte(TUPLE);
            _out.WriteByte(BINPERSID);
        }
        SaveInteger(0L);
        SaveLongTuple(t.ShapeArray());
        SaveLongTuple(StridedCopy.ContiguousStrides(t.Shape));
        _out.WriteByte(NEWFALSE);
        SaveGlobal("collections", "OrderedDict");
        _out.WriteByte(EMPTY_TUPLE);
        _out.WriteByte(REDUCE);
        _out.WriteByte(TUPLE);
        _out.WriteByte(REDUCE);

        memo = _memoCount++;
        if (memo < 256)
        {
            _out.WriteByte(BINPUT);
            _out.WriteByte((byte)memo);
        }
        else
        {
            _out.WriteByte(LONG_BINPUT);
            WriteUInt32((uint)memo);
        }
        _tensorMemo[t] = memo;
    }

    void SaveLongTuple(long[] values)
    {
        object?[] boxed = values.Select(v => (object?)v).ToArray();
        SaveTuple(boxed, "");
    }

    void SaveTuple(object?[] items, string path)
    {
        if (items.Length == 0)
        {
            _out.WriteByte(EMPTY_TUPLE);
            return;
        }
        if (items.Length > 3) _out.WriteByte(MARK);
        for (int i = 0; i < items.Length; i++) Save(items[i], $"{path}[{i}]");
        _out.WriteByte(items.Length switch { 1 => TUPLE1, 2 => TUPLE2, 3 => TUPLE3, _ => TUPLE });
    }

    void SaveList(IList list, string path)
    {
        _out.WriteByte(EMPTY_LIST);
        for (int start = 0; start < list.Count; start += 1000)
        {
            _out.WriteByte(MARK);
            for (int i = start; i < Math.Min(list.Count, start + 1000); i++) Save(list[i], $"{path}[{i}]");
            _out.WriteByte(APPENDS);
        }
    }

    void SaveDict(IDictionary dict, string path)
    {
        bool ordered = dict.GetType().IsGenericType && dict.GetType().GetGenericTypeDefinition() == typeof(OrderedDictionary<,>);
        if (ordered)
        {
            SaveGlobal("collections", "OrderedDict");
            _out.WriteByte(EMPTY_TUPLE);
            _out.WriteByte(REDUCE);
        }
        else
        {
            _out.WriteByte(EMPTY_DICT);
        }
        var entries = new List<DictionaryEntry>();
        foreach (DictionaryEntry e in dict) entries.Add(e);
        for (int start = 0; start < entries.Count; start += 1000)
        {
            _out.WriteByte(MARK);
            for (int i = start; i < Math.Min(entries.Count, start + 1000); i++)
            {
                object key = entries[i].Key;
                string keyPath = $"{path}[{key}]";
                if (key is RawTensor or IDictionary or IList and not object?[])
                    throw new ArgumentException($"The key {keyPath} is a {key.GetType().Name}; dictionary keys must be strings, numbers, bools or tuples.");
                Save(key, keyPath);
                Save(entries[i].Value, keyPath);
            }
            _out.WriteByte(SETITEMS);
        }
    }

    void WriteUInt32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        _out.Write(b);
    }
}

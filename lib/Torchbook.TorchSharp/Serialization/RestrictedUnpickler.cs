using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using static TorchSharp.Serialization.PickleOpcodes;

namespace TorchSharp.Serialization;

/// <summary>
/// Reads the pickle of a torch.save file (<c>data.pkl</c>) into plain .NET values, accepting only
/// what torch.save writes for tensors and collections. It is an interpreter of pickle opcodes with
/// no way to call anything: the only "callables" are the whitelisted globals below, each mapped to
/// a fixed C# behaviour, and every other global is refused when it is named, before anything could
/// use it.
/// </summary>
/// <remarks>
/// Results: None → null, bool, int → long (BigInteger beyond 64 bits), float → double,
/// str → string, bytes → byte[], tuple → object?[], list → List&lt;object?&gt;,
/// dict → Dictionary&lt;object, object?&gt;, OrderedDict → OrderedDictionary&lt;object, object?&gt;,
/// tensor → <see cref="PendingTensor"/> (replaced by a RawTensor by the caller).
/// </remarks>
sealed class RestrictedUnpickler
{
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Deepest nesting of tuples accepted in a dict key.</summary>
    const int MaxKeyDepth = 32;

    /// <summary>Longest decimal integer accepted in text opcodes (Python's own default limit).</summary>
    const int MaxDecimalDigits = 4300;

    readonly byte[] _data;
    readonly string _file;
    readonly string _entry;
    readonly List<object?> _stack = [];
    readonly Stack<int> _marks = new();
    readonly Dictionary<long, object?> _memo = [];
    readonly Dictionary<string, StorageRef> _storages = new(StringComparer.Ordinal);
    int _pos;
    int _opcodeStart;

    public RestrictedUnpickler(byte[] data, string file, string entry)
    {
        _data = data;
        _file = file;
        _entry = entry;
    }

    /// <summary>The storages the pickle referred to, by key.</summary>
    public IReadOnlyDictionary<string, StorageRef> Storages => _storages;

    public object? Load()
    {
        while (true)
        {
            _opcodeStart = _pos;
            byte op = ReadByte();
            switch (op)
            {
                case PROTO:
                    byte protocol = ReadByte();
                    if (protocol > 5) throw Corrupt($"pickle protocol {protocol} is newer than any Python writes (5)");
                    break;
                case FRAME: ReadSpan(8); break; // frames only group opcodes; the data is all here
                case STOP:
                    if (_stack.Count != 1 || _marks.Count != 0) throw Corrupt("STOP with a malformed stack");
                    return _stack[0];

                case MARK: _marks.Push(_stack.Count); break;
                case POP:
                    if (_stack.Count > 0 && (_marks.Count == 0 || _marks.Peek() < _stack.Count)) Pop();
                    else PopMark();
                    break;
                case POP_MARK: PopMark(); break;
                case DUP: Push(Peek()); break;

                case NONE: Push(null); break;
                case NEWTRUE: Push(true); break;
                case NEWFALSE: Push(false); break;
                case INT: Push(ParseTextInt(ReadLine())); break;
                case BININT: Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadSpan(4))); break;
                case BININT1: Push((long)ReadByte()); break;
                case BININT2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadSpan(2))); break;
                case LONG: Push(ParseTextLong(ReadLine())); break;
                case LONG1: Push(Normalize(new BigInteger(ReadSpan(ReadByte()), isUnsigned: false, isBigEndian: false))); break;
                case LONG4: Push(Normalize(new BigInteger(ReadSpan(ReadLength(4)), isUnsigned: false, isBigEndian: false))); break;
                case FLOAT: Push(ParseTextFloat(ReadLine())); break;
                case BINFLOAT: Push(BinaryPrimitives.ReadDoubleBigEndian(ReadSpan(8))); break;

                case BINUNICODE: Push(DecodeUtf8(ReadSpan(ReadLength(4)))); break;
                case SHORT_BINUNICODE: Push(DecodeUtf8(ReadSpan(ReadByte()))); break;
                case BINUNICODE8: Push(DecodeUtf8(ReadSpan(ReadLength(8)))); break;
                case BINSTRING: Push(DecodeUtf8(ReadSpan(ReadLength(4)))); break;
                case SHORT_BINSTRING: Push(DecodeUtf8(ReadSpan(ReadByte()))); break;
                case BINBYTES: Push(ReadSpan(ReadLength(4)).ToArray()); break;
                case SHORT_BINBYTES: Push(ReadSpan(ReadByte()).ToArray()); break;
                case BINBYTES8: Push(ReadSpan(ReadLength(8)).ToArray()); break;
                case BYTEARRAY8: Push(ReadSpan(ReadLength(8)).ToArray()); break;

                case EMPTY_TUPLE: Push(Array.Empty<object?>()); break;
                case TUPLE: Push(PopMark().ToArray()); break;
                case TUPLE1: { var a = Pop(); Push(new[] { a }); break; }
                case TUPLE2: { var b = Pop(); var a = Pop(); Push(new[] { a, b }); break; }
                case TUPLE3: { var c = Pop(); var b = Pop(); var a = Pop(); Push(new[] { a, b, c }); break; }
                case EMPTY_LIST: Push(new List<object?>()); break;
                case LIST: Push(PopMark()); break;
                case APPEND: { var item = Pop(); ListAt(Peek()).Add(item); break; }
                case APPENDS: { var items = PopMark(); ListAt(Peek()).AddRange(items); break; }
                case EMPTY_DICT: Push(NewDict()); break;
                case DICT: { var items = PopMark(); var d = NewDict(); SetItems(d, items); Push(d); break; }
                case SETITEM: { var v = Pop(); var k = Pop(); SetItems(Peek(), [k, v]); break; }
                case SETITEMS: { var items = PopMark(); SetItems(Peek(), items); break; }

                case PUT: _memo[ParseMemoIndex(ReadLine())] = Peek(); break;
                case BINPUT: _memo[ReadByte()] = Peek(); break;
                case LONG_BINPUT: _memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4))] = Peek(); break;
                case MEMOIZE: _memo[_memo.Count] = Peek(); break;
                case GET: Push(MemoGet(ParseMemoIndex(ReadLine()))); break;
                case BINGET: Push(MemoGet(ReadByte())); break;
                case LONG_BINGET: Push(MemoGet(BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4)))); break;

                case GLOBAL:
                {
                    string module = DecodeUtf8(ReadLine());
                    string name = DecodeUtf8(ReadLine());
                    Push(ResolveGlobal(module, name));
                    break;
                }
                case STACK_GLOBAL:
                {
                    object? name = Pop();
                    object? module = Pop();
                    if (module is not string m || name is not string n) throw Corrupt("STACK_GLOBAL needs two strings");
                    Push(ResolveGlobal(m, n));
                    break;
                }
                case REDUCE: { var args = Pop(); var callable = Pop(); Push(Reduce(callable, args)); break; }
                case BUILD: { var state = Pop(); Build(Peek(), state); break; }
                case BINPERSID: Push(PersistentLoad(Pop())); break;

                case NEWOBJ: case NEWOBJ_EX: case INST: case OBJ: case EXT1: case EXT2: case EXT4:
                    throw new UnsafePickleException(_file, NameOf(op),
                        $"refusing to load {_file}: its pickle uses {NameOf(op)} to build an arbitrary Python object " +
                        "(torch.save never writes that for tensors); only tensors and plain collections are allowed.");
                default:
                    throw new ModelFileException(_file,
                        $"{_entry} uses pickle opcode {NameOf(op)} at byte {_opcodeStart}, which torch.save does not write " +
                        "for tensors and collections; re-save the file with torch.save(state_dict, path).");
            }
        }
    }

    object ResolveGlobal(string module, string name)
    {
        string qualified = module + "." + name;
        AllowedGlobal? kind = qualified switch
        {
            "collections.OrderedDict" => AllowedGlobal.OrderedDict,
            "torch._utils._rebuild_tensor_v2" => AllowedGlobal.RebuildTensorV2,
            "torch._utils._rebuild_tensor" => AllowedGlobal.RebuildTensor,
            "torch._utils._rebuild_parameter" => AllowedGlobal.RebuildParameter,
            "torch._utils._rebuild_parameter_with_state" => AllowedGlobal.RebuildParameterWithState,
            _ => null,
        };
        if (kind is AllowedGlobal k) return new PickleGlobal(qualified, k);
        if (module == "torch" && TorchStorageTypes.FromClassName(name) is ScalarType storageType)
            return new PickleGlobal(qualified, AllowedGlobal.StorageClass, storageType);
        throw new UnsafePickleException(_file, qualified,
            $"refusing to load '{qualified}' from {_file}: only tensors and plain collections are allowed " +
            "(a pickle that names other Python functions or classes could run code, so it is not read at all).");
    }

    object? Reduce(object? callable, object? args)
    {
        if (callable is not PickleGlobal global)
            throw Corrupt($"REDUCE on {Describe(callable)}, which is not callable");
        if (args is not object?[] a)
            throw Corrupt($"REDUCE of {global.QualifiedName} with {Describe(args)} instead of an argument tuple");
        switch (global.Kind)
        {
            case AllowedGlobal.OrderedDict:
            {
                var dict = new OrderedDictionary<object, object?>(PickleKeyComparer.Instance);
                if (a.Length == 0) return dict;
                if (a.Length == 1 && a[0] is IEnumerable<object?> pairs)
                {
                    foreach (object? pair in pairs)
                    {
                        if (pair is not (object?[] or List<object?>) || ((IList<object?>)pair).Count != 2)
                            throw Corrupt("OrderedDict built from something other than (key, value) pairs");
                        var kv = (IList<object?>)pair;
                        SetItems(dict, [kv[0], kv[1]]);
                    }
                    return dict;
                }
                throw Corrupt($"OrderedDict called with {a.Length} arguments");
            }
            case AllowedGlobal.RebuildTensorV2 when a.Length is 6 or 7:
            case AllowedGlobal.RebuildTensor when a.Length == 4:
                return RebuildTensor(global, a);
            case AllowedGlobal.RebuildParameter when a.Length == 3:
            case AllowedGlobal.RebuildParameterWithState when a.Length == 4:
                if (a[0] is not PendingTensor data)
                    throw Corrupt($"{global.QualifiedName} of {Describe(a[0])} instead of a tensor");
                return data;
            case AllowedGlobal.StorageClass:
                throw new UnsafePickleException(_file, global.QualifiedName,
                    $"refusing to load {_file}: its pickle calls {global.QualifiedName} directly, which torch.save never does; " +
                    "only tensors and plain collections are allowed.");
            default:
                throw Corrupt($"{global.QualifiedName} called with {a.Length} arguments");
        }
    }

    PendingTensor RebuildTensor(PickleGlobal global, object?[] a)
    {
        if (a[0] is not StorageRef storage)
            throw Corrupt($"{global.QualifiedName} of {Describe(a[0])} instead of a storage");
        if (a[1] is not long offset || offset < 0)
            throw Corrupt($"{global.QualifiedName} with storage offset {Describe(a[1])}");
        long[] size = Integers(a[2], "size", global);
        long[] stride = Integers(a[3], "stride", global);
        if (size.Length != stride.Length)
            throw Corrupt($"{global.QualifiedName} with {size.Length} sizes but {stride.Length} strides");
        CheckBounds(storage, offset, size, stride);
        return new PendingTensor(storage, offset, size, stride);
    }

    long[] Integers(object? value, string what, PickleGlobal global)
    {
        if (value is not object?[] items || items.Length > 64)
            throw Corrupt($"{global.QualifiedName} with {what} {Describe(value)} instead of a tuple of integers");
        var result = new long[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is not long v || v < 0)
                throw Corrupt($"{global.QualifiedName} with {what} element {Describe(items[i])}");
            result[i] = v;
        }
        return result;
    }

    /// <summary>The view must lie inside its storage, and its copy must fit one .NET array.</summary>
    void CheckBounds(StorageRef storage, long offset, long[] size, long[] stride)
    {
        string view = $"a view (offset {offset}, size {RawTensor.FormatShape(size)}, stride {RawTensor.FormatShape(stride)})";
        long? numel = RawTensor.CountElements(size);
        int elementSize = RawTensor.ElementSizeOf(storage.DType);
        if (numel is null || numel > Array.MaxLength / elementSize)
            throw Corrupt($"{view} with more elements than one .NET array can hold");
        if (numel == 0)
        {
            if (offset > storage.Numel) throw Corrupt($"{view} starts past the end of storage {storage.Key} ({storage.Numel} elements)");
            return;
        }
        try
        {
            long last = offset;
            for (int i = 0; i < size.Length; i++)
                last = checked(last + (size[i] - 1) * stride[i]);
            if (last >= storage.Numel)
                throw Corrupt($"{view} reaches element {last} of storage {storage.Key}, which has {storage.Numel}");
        }
        catch (OverflowException)
        {
            throw Corrupt($"{view} whose extent overflows 64 bits");
        }
    }

    StorageRef PersistentLoad(object? pid)
    {
        // ('storage', torch.<Type>Storage, key, location, numel)
        if (pid is not object?[] t || t.Length != 5 || t[0] is not "storage")
            throw Corrupt($"persistent id {Describe(pid)} is not a torch storage reference");
        if (t[1] is not PickleGlobal { Kind: AllowedGlobal.StorageClass } storageClass)
            throw Corrupt($"storage reference with type {Describe(t[1])}");
        if (t[2] is not string key || key.Length == 0 || t[3] is not string || t[4] is not long numel || numel < 0)
            throw Corrupt($"storage reference {Describe(pid)} is malformed");
        if (_storages.TryGetValue(key, out StorageRef? known))
        {
            if (known.DType != storageClass.StorageType || known.Numel != numel)
                throw Corrupt($"storage {key} is referred to as both {known.DType}×{known.Numel} and {storageClass.StorageType}×{numel}");
            return known;
        }
        var storage = new StorageRef(key, storageClass.StorageType, numel);
        _storages[key] = storage;
        return storage;
    }

    void Build(object? target, object? state)
    {
        // torch.save writes BUILD for the _metadata attribute of a state_dict's OrderedDict
        // (module versions). Attributes have no place in the .NET result; they are dropped.
        if (target is (OrderedDictionary<object, object?> or Dictionary<object, object?>) && state is Dictionary<object, object?> or object?[])
            return;
        throw Corrupt($"BUILD on {Describe(target)} with {Describe(state)}, which torch.save does not write");
    }

    static Dictionary<object, object?> NewDict() => new(PickleKeyComparer.Instance);

    void SetItems(object? target, List<object?> items)
    {
        if (items.Count % 2 != 0) throw Corrupt("SETITEMS with an odd number of items");
        IDictionary<object, object?> dict = target switch
        {
            Dictionary<object, object?> d => d,
            OrderedDictionary<object, object?> o => o,
            _ => throw Corrupt($"SETITEM on {Describe(target)}, which is not a dict"),
        };
        for (int i = 0; i < items.Count; i += 2)
        {
            object key = items[i] switch
            {
                null => throw new ModelFileException(_file, $"{_entry} has a dict with the key None, which .NET dictionaries cannot hold."),
                PendingTensor or List<object?> or Dictionary<object, object?> or OrderedDictionary<object, object?> =>
                    throw Corrupt($"a dict keyed by {Describe(items[i])}"),
                object?[] tuple when TupleDepth(tuple, 0) > MaxKeyDepth =>
                    throw Corrupt($"a dict key of tuples nested more than {MaxKeyDepth} deep"),
                object k => k,
            };
            dict[key] = items[i + 1];
        }
    }

    /// <summary>How deep tuples nest, counting no further than just past the limit (so that a
    /// hostile key cannot make hashing recurse without bound).</summary>
    static int TupleDepth(object?[] tuple, int depth)
    {
        if (depth > MaxKeyDepth) return depth;
        int deepest = depth + 1;
        foreach (object? item in tuple)
            if (item is object?[] inner) deepest = Math.Max(deepest, TupleDepth(inner, depth + 1));
        return deepest;
    }

    List<object?> ListAt(object? target) =>
        target as List<object?> ?? throw Corrupt($"APPEND to {Describe(target)}, which is not a list");

    object? MemoGet(long index) =>
        _memo.TryGetValue(index, out object? value) ? value : throw Corrupt($"memo entry {index} read before it was written");

    void Push(object? value) => _stack.Add(value);

    object? Pop()
    {
        int floor = _marks.Count > 0 ? _marks.Peek() : 0;
        if (_stack.Count <= floor) throw Corrupt("pop from an empty stack");
        object? value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    object? Peek()
    {
        int floor = _marks.Count > 0 ? _marks.Peek() : 0;
        if (_stack.Count <= floor) throw Corrupt("read from an empty stack");
        return _stack[^1];
    }

    List<object?> PopMark()
    {
        if (_marks.Count == 0) throw Corrupt("no MARK to pop to");
        int mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    byte ReadByte()
    {
        if (_pos >= _data.Length) throw Truncated();
        return _data[_pos++];
    }

    ReadOnlySpan<byte> ReadSpan(int count)
    {
        if (count < 0 || count > _data.Length - _pos) throw Truncated();
        var span = _data.AsSpan(_pos, count);
        _pos += count;
        return span;
    }

    int ReadLength(int bytes)
    {
        ulong n = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4)) : BinaryPrimitives.ReadUInt64LittleEndian(ReadSpan(8));
        if (n > (ulong)(_data.Length - _pos)) throw Truncated();
        return (int)n;
    }

    ReadOnlySpan<byte> ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0) throw Truncated();
        var line = _data.AsSpan(_pos, end - _pos);
        _pos = end + 1;
        return line;
    }

    string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("a string that is not valid UTF-8");
        }
    }

    object ParseTextInt(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("01"u8)) return true;
        if (line.SequenceEqual("00"u8)) return false;
        return ParseTextLong(line);
    }

    object ParseTextLong(ReadOnlySpan<byte> line)
    {
        if (line.Length > MaxDecimalDigits + 2) throw Corrupt($"a decimal integer of more than {MaxDecimalDigits} digits");
        string text = Encoding.ASCII.GetString(line).TrimEnd('L');
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger value))
            throw Corrupt($"'{text}' is not an integer");
        return Normalize(value);
    }

    double ParseTextFloat(ReadOnlySpan<byte> line)
    {
        string text = Encoding.ASCII.GetString(line);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Corrupt($"'{text}' is not a float");
    }

    long ParseMemoIndex(ReadOnlySpan<byte> line) =>
        long.TryParse(Encoding.ASCII.GetString(line), NumberStyles.None, CultureInfo.InvariantCulture, out long index)
            ? index
            : throw Corrupt("a memo index that is not a number");

    static object Normalize(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

    static string Describe(object? value) => value switch
    {
        null => "None",
        string s => $"the string '{(s.Length > 40 ? s[..40] + "..." : s)}'",
        PickleGlobal g => g.QualifiedName,
        PendingTensor => "a tensor",
        StorageRef s => $"storage {s.Key}",
        object?[] t => $"a {t.Length}-tuple",
        List<object?> => "a list",
        Dictionary<object, object?> or OrderedDictionary<object, object?> => "a dict",
        byte[] => "bytes",
        _ => $"the {value.GetType().Name} {value}",
    };

    ModelFileException Corrupt(string problem) =>
        new(_file, $"{_entry} is not a valid torch.save pickle: {problem} (opcode at byte {_opcodeStart}).");

    ModelFileException Truncated() =>
        new(_file, $"{_entry} ends in the middle of an opcode (at byte {_opcodeStart}): the file is truncated or corrupt.");
}

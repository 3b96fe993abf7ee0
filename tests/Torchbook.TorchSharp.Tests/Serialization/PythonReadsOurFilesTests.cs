using System.Text.Json;
using TorchSharp;
using TorchSharp.Serialization;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Serialization;

/// <summary>Files we write are read by Python: .pth through torch.load (state_dicts also with
/// weights_only=True; torch 1.13's weights-only unpickler lacks BINFLOAT, so it cannot read any
/// checkpoint holding a Python float, its own included), safetensors by parsing the layout by hand.</summary>
public class PythonReadsOurFilesTests
{
    const string Script = """
        import json, math, struct, sys, collections
        import torch

        DTYPES = {"BOOL": torch.bool, "U8": torch.uint8, "I8": torch.int8, "I16": torch.int16,
                  "I32": torch.int32, "I64": torch.int64, "F16": torch.float16, "BF16": torch.bfloat16,
                  "F32": torch.float32, "F64": torch.float64}
        NAMES = {torch.bool: "bool", torch.uint8: "uint8", torch.int8: "int8", torch.int16: "int16",
                 torch.int32: "int32", torch.int64: "int64", torch.float16: "float16",
                 torch.bfloat16: "bfloat16", torch.float32: "float32", torch.float64: "float64"}

        def fhex(x):
            if math.isnan(x): return "nan"
            if math.isinf(x): return "inf" if x > 0 else "-inf"
            return float.hex(x)

        def describe(v):
            if isinstance(v, torch.Tensor):
                flat = v.detach().contiguous().reshape(-1)
                if v.dtype.is_floating_point: values = [fhex(x) for x in flat.double().tolist()]
                elif v.dtype == torch.bool: values = [bool(x) for x in flat.tolist()]
                else: values = [int(x) for x in flat.tolist()]
                return {"type": "tensor", "dtype": NAMES[v.dtype], "shape": list(v.shape), "values": values}
            if v is None: return {"type": "none"}
            if isinstance(v, bool): return {"type": "bool", "value": v}
            if isinstance(v, int): return {"type": "int", "value": str(v)}
            if isinstance(v, float): return {"type": "float", "value": fhex(v)}
            if isinstance(v, str): return {"type": "str", "value": v}
            if isinstance(v, tuple): return {"type": "tuple", "items": [describe(x) for x in v]}
            if isinstance(v, list): return {"type": "list", "items": [describe(x) for x in v]}
            if isinstance(v, dict):
                kind = "ordered_dict" if isinstance(v, collections.OrderedDict) else "dict"
                return {"type": kind, "items": [[describe(k), describe(x)] for k, x in v.items()]}
            raise TypeError(type(v))

        def read_safetensors(path):
            data = open(path, "rb").read()
            n = struct.unpack("<Q", data[:8])[0]
            assert n % 8 == 0, "header not padded to 8"
            header = json.loads(data[8:8 + n].decode("utf-8"))
            meta = header.pop("__metadata__", {})
            out = collections.OrderedDict()
            for name, info in header.items():
                b, e = info["data_offsets"]
                raw = bytearray(data[8 + n + b: 8 + n + e])
                dtype = DTYPES[info["dtype"]]
                t = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
                out[name] = t.reshape(info["shape"])
            assert 8 + n + max([i["data_offsets"][1] for i in header.values()] + [0]) == len(data)
            return {"tensors": describe(out), "metadata": meta}

        pth_state, pth_checkpoint, safetensors = sys.argv[1:4]
        plain = torch.load(pth_state)
        restricted = torch.load(pth_state, weights_only=True)
        assert isinstance(plain, collections.OrderedDict)
        assert describe(plain) == describe(restricted)
        print(json.dumps({
            "state": describe(plain),
            "checkpoint": describe(torch.load(pth_checkpoint)),
            "safetensors": read_safetensors(safetensors),
        }))
        """;

    static OrderedDictionary<string, RawTensor> Sample() => new()
    {
        ["0.weight"] = RawTensor.Create<float>([0.5f, -1f, 2f, 3.25f, -0f, float.NaN], [2, 3]),
        ["0.bias"] = RawTensor.Create<float>([1f, float.PositiveInfinity], [2]),
        ["bn.num_batches_tracked"] = RawTensor.Create<long>([long.MaxValue], []),
        ["mask"] = RawTensor.Create<bool>([true, false, true], [3]),
        ["half"] = RawTensor.Create<Half>([(Half)1.5, Half.NegativeInfinity, Half.Epsilon], [3]),
        ["bf16"] = RawTensor.Create<ushort>([0x3FC0, 0x8001], [2], ScalarType.BFloat16),
        ["empty"] = new RawTensor(ScalarType.Float64, [0, 4], []),
        ["f64"] = RawTensor.Create<double>([Math.PI, double.Epsilon], [2, 1]),
        ["u8"] = RawTensor.Create<byte>([0, 255], [2]),
        ["i8"] = RawTensor.Create<sbyte>([-128, 127], [2]),
        ["i16"] = RawTensor.Create<short>([-2, 3], [1, 2]),
        ["i32"] = RawTensor.Create<int>([int.MinValue], [1, 1, 1]),
    };

    [PythonTorchFact]
    public void Torch_load_and_a_hand_parser_read_what_we_wrote()
    {
        using var dir = new TempFolder();
        var state = Sample();
        var checkpoint = new Dictionary<object, object?>
        {
            ["model"] = state,
            ["epoch"] = 3L,
            ["best_loss"] = 0.25,
            ["history"] = new List<object?> { 1.5, 0.75 },
            ["flags"] = new object?[] { true, false, null },
            ["big"] = System.Numerics.BigInteger.Pow(2, 70),
            [7L] = "int key",
        };
        PyTorchFile.SaveStateDict(dir.File("state.pth"), state);
        PyTorchFile.SaveObject(dir.File("checkpoint.pth"), checkpoint);
        SafeTensorsFile.Save(dir.File("state.safetensors"), state, new Dictionary<string, string> { ["format"] = "pt" });
        string script = dir.File("read.py");
        File.WriteAllText(script, Script);

        var (code, output, error) = PythonRunner.Run([script, dir.File("state.pth"), dir.File("checkpoint.pth"), dir.File("state.safetensors")], TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"python failed:\n{error}");
        using var result = JsonDocument.Parse(output);
        JsonElement root = result.RootElement;

        ExpectedGraph.AssertTensorsMatch(root.GetProperty("state"), state);
        Assert.Equal(state.Keys, root.GetProperty("state").GetProperty("items").EnumerateArray().Select(p => p[0].GetProperty("value").GetString()));
        // What Python sees equals what our reader sees, type for type.
        ExpectedGraph.AssertMatches(root.GetProperty("checkpoint"), PyTorchFile.LoadObject(dir.File("checkpoint.pth")));
        JsonElement safe = root.GetProperty("safetensors");
        ExpectedGraph.AssertTensorsMatch(safe.GetProperty("tensors"), state);
        Assert.Equal("pt", safe.GetProperty("metadata").GetProperty("format").GetString());
    }
}

using TorchSharp.Native;
using TorchSharp.Serialization;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

// Model files, tying tensors and modules to the file formats in this folder: safetensors is the
// project's own format (no code can run when loading one); PyTorch's zip .pth/.pt is read and
// written for interop with Python (torchvision's pretrained state_dicts, torch.save/torch.load).
public static partial class torch
{
    /// <summary>Saves a state_dict: safetensors unless the path ends in .pth or .pt (PyTorch's torch.save format). Atomic.</summary>
    public static void save(IEnumerable<KeyValuePair<string, Tensor>> state_dict, string path)
    {
        var raw = state_dict.Select(kv => KeyValuePair.Create(kv.Key, ModelFiles.ToRaw(kv.Value))).ToList();
        if (ModelFiles.IsPyTorchPath(path)) PyTorchFile.SaveStateDict(path, raw);
        else SafeTensorsFile.Save(path, raw);
    }

    /// <summary>
    /// Loads a state_dict from a safetensors file or a PyTorch .pth/.pt file (told apart by their
    /// content). Loading never runs code: a .pth that holds anything but tensors and plain
    /// collections is refused. The caller owns the returned tensors.
    /// </summary>
    public static Dictionary<string, Tensor> load_state_dict(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No model file at '{Path.GetFullPath(path)}'.", path);
        var raw = ModelFiles.LooksLikeZip(path) ? PyTorchFile.LoadStateDict(path) : SafeTensorsFile.LoadTensors(path);
        return raw.ToDictionary(kv => kv.Key, kv => ModelFiles.FromRaw(kv.Value));
    }

    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Saves this module's state_dict to <paramref name="path"/>: safetensors, or PyTorch's
            /// format when the path ends in .pth or .pt (Python's torch.load reads it). Atomic: a
            /// crash never leaves a half-written file.
            /// </summary>
            public Module save(string path)
            {
                torch.save(state_dict(), path);
                return this;
            }

            /// <summary>
            /// Loads weights saved by <see cref="save"/>, or a state_dict saved by Python's
            /// torch.save(model.state_dict(), path), into this module. Missing, unexpected and
            /// mis-shaped keys are reported as PyTorch reports them (strict by default).
            /// </summary>
            public Module load(string path, bool strict = true)
            {
                var loaded = torch.load_state_dict(path);
                try { load_state_dict(loaded, strict); }
                finally { foreach (var t in loaded.Values) t.Dispose(); }
                return this;
            }
        }
    }
}

/// <summary>Conversions between tensors and the byte-level records of the file formats.</summary>
internal static class ModelFiles
{
    public static bool IsPyTorchPath(string path) =>
        path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase);

    public static bool LooksLikeZip(string path)
    {
        using var f = File.OpenRead(path);
        return f.ReadByte() == 'P' && f.ReadByte() == 'K';
    }

    public static unsafe RawTensor ToRaw(torch.Tensor tensor)
    {
        var bytes = new byte[tensor.numel() * tensor.element_size()];
        fixed (byte* p = bytes)
            NativeErrors.Check(tb_tensor_copy_to(tensor.Handle, p, bytes.LongLength));
        return new RawTensor(tensor.dtype, tensor.shape, bytes);
    }

    public static unsafe torch.Tensor FromRaw(RawTensor raw)
    {
        var shape = raw.ShapeArray();
        fixed (byte* p = raw.Data)
        fixed (long* s = shape)
            return torch.Tensor.Wrap(tb_tensor_from_data(p, raw.Data.LongLength, s, shape.Length, (int)raw.DType, -1, -1, 0));
    }
}

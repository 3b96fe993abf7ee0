using System.Collections;
using System.Runtime.InteropServices;
using Razorvine.Pickle;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// Weights files that PyTorch reads and writes, with PyTorch's checks: <c>model.save_weights(path)</c> is
/// <c>torch.save(model.state_dict(), path)</c> and <c>model.load_weights(path)</c> is
/// <c>model.load_state_dict(torch.load(path, weights_only=True))</c>. The file's extension picks the format:
/// <c>.safetensors</c>, or <c>.pth</c>/<c>.pt</c> (PyTorch's zip format). TorchSharp.PyBridge reads and writes
/// the bytes; this class adds what it lacks: files are written atomically (a crash leaves the old file), a
/// file whose names or shapes do not fit the model is refused with PyTorch's own message before any weight
/// changes, and a missing, truncated, foreign or hostile file gets one sentence saying what is wrong.
/// </summary>
public static class ModelFiles
{
    /// <summary>Writes <paramref name="model"/>'s state_dict to <paramref name="path"/> (safetensors or .pth by extension).</summary>
    /// <exception cref="ArgumentException">The extension is neither .safetensors nor .pth/.pt.</exception>
    public static void save_weights(this nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        save(model.state_dict(), path);
    }

    /// <summary><c>torch.save(state_dict, path)</c>: writes the tensors under their names, atomically.</summary>
    public static void save(Dictionary<string, Tensor> state_dict, string path)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        var format = FormatOf(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (no_grad())
            {
                // Both writers need contiguous CPU tensors.
                var ready = state_dict.ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous());
                if (format == Format.SafeTensors) Safetensors.SaveStateDict(temporary, ready);
                else PyTorchPickler.PickleStateDict(temporary, ready);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// <c>torch.load(path, weights_only=True)</c> for a state_dict file: the tensors under their names.
    /// Nothing in the file runs: a pickle that names anything but tensors is refused.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, not in the format its extension says, or not a plain state_dict.</exception>
    public static Dictionary<string, Tensor> load(string path)
    {
        var format = FormatOf(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"There is no weights file at {full}. Check the path, or save the weights first with model.save_weights(path).", full);
        try
        {
            return format == Format.SafeTensors ? Safetensors.LoadStateDict(full) : Tensors(full, PyTorchUnpickler.UnpickleStateDict(full));
        }
        catch (PickleException e)
        {
            throw new InvalidDataException(
                $"{full} is not a plain state_dict: its pickle asks for {AskedFor(e)}. " +
                "Loading it could run code, so it is refused, as torch.load(weights_only=True) refuses it. Save the weights in Python with torch.save(model.state_dict(), path).", e);
        }
        catch (NotImplementedException e)
        {
            throw new InvalidDataException(
                $"{full} is in PyTorch's old (before 1.6) file format, which cannot be read here. In Python, load it and save it again with torch.save(state_dict, path) (the zip format), or as safetensors.", e);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException or ExternalException)
        {
            var expected = format == Format.SafeTensors ? "a safetensors file" : "a PyTorch .pth file (a zip archive)";
            throw new InvalidDataException(
                $"{full} cannot be read as {expected}: {e.Message} The file is truncated, damaged, or in another format; save or download it again.", e);
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="model"/> as <c>model.load_state_dict(torch.load(path))</c> does:
    /// every name must match and every shape fit (with <paramref name="strict"/> false, missing and extra names are
    /// allowed, shapes must still fit). Nothing changes unless everything fits; then each tensor is copied in place,
    /// converted to the model's dtype and device.
    /// </summary>
    /// <returns>The model's names the file lacked and the file's names the model lacks (both empty when strict).</returns>
    /// <exception cref="InvalidOperationException">Names or shapes do not fit; the message is PyTorch's.</exception>
    public static (IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys) load_weights(this nn.Module model, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var loaded = load(path);
        try
        {
            return load_state_dict_checked(model, loaded, strict);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    /// <summary>
    /// PyTorch's <c>load_state_dict(state_dict, strict)</c>, with its checks and its messages (TorchSharp's own
    /// accepts tensors of another shape).
    /// </summary>
    public static (IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys) load_state_dict_checked(
        this nn.Module model, IReadOnlyDictionary<string, Tensor> state_dict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state_dict);
        var target = model.state_dict();
        var errors = new List<string>();
        foreach (var (name, tensor) in target)
        {
            if (state_dict.TryGetValue(name, out var source) && !source.shape.SequenceEqual(tensor.shape))
                errors.Add($"size mismatch for {name}: copying a param with shape {Size(source.shape)} from checkpoint, the shape in current model is {Size(tensor.shape)}.");
        }
        var missing = target.Keys.Where(k => !state_dict.ContainsKey(k)).ToList();
        var unexpected = state_dict.Keys.Where(k => !target.ContainsKey(k)).ToList();
        if (strict)
        {
            if (unexpected.Count > 0) errors.Insert(0, $"Unexpected key(s) in state_dict: {Quoted(unexpected)}. ");
            if (missing.Count > 0) errors.Insert(0, $"Missing key(s) in state_dict: {Quoted(missing)}. ");
        }
        if (errors.Count > 0)
            throw new InvalidOperationException($"Error(s) in loading state_dict for {ModuleRepr.TypeName(model)}:\n\t{string.Join("\n\t", errors)}");
        using (no_grad())
        {
            foreach (var (name, tensor) in target)
                if (state_dict.TryGetValue(name, out var source)) tensor.copy_(source);
        }
        return (missing, unexpected);
    }

    private enum Format { SafeTensors, PyTorch }

    private static Format FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".safetensors" => Format.SafeTensors,
            ".pth" or ".pt" => Format.PyTorch,
            var other => throw new ArgumentException(
                $"'{path}' has the extension '{other}'; name the file .safetensors (recommended) or .pth/.pt (PyTorch's format).", nameof(path)),
        };
    }

    /// <summary>The tensors of an unpickled state_dict; anything else (a checkpoint dictionary, say) is refused with what it holds.</summary>
    private static Dictionary<string, Tensor> Tensors(string path, Hashtable table)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is string name && entry.Value is Tensor t) result[name] = t;
            else
            {
                var keys = string.Join(", ", table.Keys.Cast<object>().Select(k => $"'{k}'"));
                throw new InvalidDataException(
                    $"{path} is not a state_dict: '{entry.Key}' holds a {entry.Value?.GetType().Name ?? "None"}, not a tensor (the file holds {keys}). " +
                    "If it is a training checkpoint, save checkpoint[\"model\"] (the model's state_dict) on its own in Python.");
            }
        }
        return result;
    }

    /// <summary>The Python global a refused pickle named ("os.system"), from Razorvine.Pickle's message.</summary>
    private static string AskedFor(PickleException e) =>
        System.Text.RegularExpressions.Regex.Match(e.Message, @"\(for ([^)]+)\)") is { Success: true } m
            ? $"'{m.Groups[1].Value}', not only tensors"
            : "something other than tensors";

    private static string Size(long[] shape) => $"torch.Size([{string.Join(", ", shape)}])";

    private static string Quoted(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{k}\""));
}

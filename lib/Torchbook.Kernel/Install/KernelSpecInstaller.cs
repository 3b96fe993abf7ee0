using System.Text.Json;
using System.Text.Json.Nodes;

namespace Torchbook.Kernel.Install;

/// <summary>
/// Writes and removes the kernelspec (kernel.json and logos) that Jupyter, nbconvert, papermill and
/// VS Code's Jupyter extension discover under &lt;data dir&gt;/kernels/&lt;name&gt;.
/// </summary>
public static class KernelSpecInstaller
{
    public const string DefaultName = "torchbook-csharp";
    public const string DisplayName = "C# (Torchbook)";

    /// <summary>
    /// The name .NET Interactive registers and Polyglot notebooks carry in kernelspec.name. Installing
    /// our kernel under it too lets Jupyter run those notebooks unchanged.
    /// </summary>
    public const string PolyglotAliasName = ".net-csharp";

    /// <summary>
    /// The Jupyter data directory: <paramref name="prefix"/>/share/jupyter when given; otherwise the
    /// user's (JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter).
    /// </summary>
    public static string DataDirectory(string? prefix = null)
    {
        if (prefix is not null) return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir) return Path.GetFullPath(dataDir);
        if (Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "jupyter");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "jupyter");
    }

    /// <summary>
    /// The argv that starts this kernel from the running program: the apphost itself, or
    /// "dotnet torchbook.dll" when started through the muxer.
    /// </summary>
    public static IReadOnlyList<string> LauncherForCurrentProcess()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell the path of the running program");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry)) throw new InvalidOperationException("cannot tell which assembly the dotnet host is running");
            return [process, entry];
        }
        return [process];
    }

    /// <summary>kernel.json for a launcher argv.</summary>
    public static JsonObject KernelJson(IReadOnlyList<string> launcher)
    {
        var argv = new JsonArray();
        foreach (var part in launcher) argv.Add(part);
        argv.Add("kernel");
        argv.Add("--connection-file");
        argv.Add("{connection_file}");
        return new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = "C#",
            // Interrupts arrive as interrupt_request on the control channel, which the kernel serves on
            // its I/O thread while a cell runs: this works the same on every OS and front end. SIGINT
            // still interrupts too (a terminal's Ctrl+C).
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false, ["implementation"] = "torchbook" },
        };
    }

    /// <summary>Writes kernels/<paramref name="name"/> under <paramref name="dataDirectory"/>; returns that folder.</summary>
    public static string Install(string dataDirectory, string name, IReadOnlyList<string> launcher)
    {
        ValidateName(name);
        var folder = Path.Combine(dataDirectory, "kernels", name);
        Directory.CreateDirectory(folder);
        var json = KernelJson(launcher).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        WriteAtomically(Path.Combine(folder, "kernel.json"), System.Text.Encoding.UTF8.GetBytes(json + "\n"));
        WriteAtomically(Path.Combine(folder, "logo-32x32.png"), KernelLogo.Png(32));
        WriteAtomically(Path.Combine(folder, "logo-64x64.png"), KernelLogo.Png(64));
        return folder;
    }

    /// <summary>True when kernels/<paramref name="name"/> holds a kernelspec this program wrote (or nothing).</summary>
    public static bool IsOursOrAbsent(string dataDirectory, string name)
    {
        var kernelJson = Path.Combine(dataDirectory, "kernels", name, "kernel.json");
        if (!File.Exists(kernelJson)) return true;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(kernelJson));
            return node?["metadata"]?["implementation"]?.GetValue<string>() == "torchbook";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Removes kernels/<paramref name="name"/>; false when it was not installed.</summary>
    public static bool Uninstall(string dataDirectory, string name)
    {
        ValidateName(name);
        var folder = Path.Combine(dataDirectory, "kernels", name);
        if (!Directory.Exists(folder)) return false;
        Directory.Delete(folder, recursive: true);
        return true;
    }

    private static void ValidateName(string name)
    {
        // Jupyter accepts ASCII letters, digits, '.', '_' and '-' in kernel names.
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) || name is "." or "..")
            throw new ArgumentException($"'{name}' is not a valid kernel name: use letters, digits, '.', '_' and '-' (for example {DefaultName}).");
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}

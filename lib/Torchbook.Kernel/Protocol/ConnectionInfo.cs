using System.Text.Json;
using System.Text.Json.Serialization;

namespace Torchbook.Kernel.Protocol;

/// <summary>The connection file Jupyter writes for a kernel: where to bind and how to sign.</summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    public string Endpoint(int port) =>
        Transport == "ipc" ? $"ipc://{Ip}-{port}" : $"{Transport}://{Ip}:{port}";

    /// <summary>Reads and checks a connection file; a bad file names the file and the problem.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
            throw new KernelStartupException($"connection file '{path}' does not exist. Jupyter passes it as {{connection_file}} in kernel.json's argv.");
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new KernelStartupException($"connection file '{path}' is not valid JSON: {e.Message}");
        }
        if (info is null) throw new KernelStartupException($"connection file '{path}' is empty.");
        info.Validate(path);
        return info;
    }

    private void Validate(string path)
    {
        if (Transport is not ("tcp" or "ipc"))
            throw new KernelStartupException($"connection file '{path}': transport '{Transport}' is not supported (use tcp or ipc).");
        if (SignatureScheme != "hmac-sha256" && Key.Length > 0)
            throw new KernelStartupException($"connection file '{path}': signature_scheme '{SignatureScheme}' is not supported (use hmac-sha256).");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("control_port", ControlPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("hb_port", HeartbeatPort) })
            if (port is <= 0 or > 65535 && Transport == "tcp")
                throw new KernelStartupException($"connection file '{path}': {name} is {port}; it must be a TCP port between 1 and 65535.");
    }
}

/// <summary>The kernel cannot start: bad connection file, port in use, missing libzmq.</summary>
public sealed class KernelStartupException(string message) : Exception(message);

using System.Text.Json.Nodes;

namespace Torchbook.Kernel.Protocol;

/// <summary>
/// One Jupyter message: the routing identities it came with, header, parent header, metadata,
/// content and binary buffers. Header, parent header, metadata and content are JSON objects.
/// </summary>
public sealed class JupyterMessage
{
    public const string ProtocolVersion = "5.3";

    public IReadOnlyList<byte[]> Identities { get; init; } = [];
    public required JsonObject Header { get; init; }
    public JsonObject ParentHeader { get; init; } = new();
    public JsonObject Metadata { get; init; } = new();
    public JsonObject Content { get; init; } = new();
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";
    public string Session => Header["session"]?.GetValue<string>() ?? "";

    /// <summary>A new header in this kernel's session.</summary>
    public static JsonObject NewHeader(string messageType, string session, string username = "kernel") => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = username,
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
        ["msg_type"] = messageType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>A message answering or caused by <paramref name="parent"/>, routed back to its sender.</summary>
    public static JupyterMessage Reply(JupyterMessage? parent, string messageType, JsonObject content, string session,
        IReadOnlyList<byte[]>? identities = null) => new()
    {
        Identities = identities ?? parent?.Identities ?? [],
        Header = NewHeader(messageType, session, parent?.Header["username"]?.GetValue<string>() ?? "kernel"),
        ParentHeader = parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(),
        Content = content,
    };

    public override string ToString() => $"{MessageType} {MessageId}";
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Torchbook.Kernel.Protocol;

/// <summary>
/// Turns messages into ZeroMQ frames and back: identities, "&lt;IDS|MSG&gt;", signature, header,
/// parent_header, metadata, content, buffers.
/// </summary>
public sealed class WireCodec(MessageSigner signer)
{
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    public List<byte[]> Encode(JupyterMessage message)
    {
        var header = Json(message.Header);
        var parent = Json(message.ParentHeader);
        var metadata = Json(message.Metadata);
        var content = Json(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>
    /// Decodes received frames. Throws <see cref="InvalidMessageException"/> when the frames are not
    /// a Jupyter message or the signature does not match: such a message must be dropped.
    /// </summary>
    public JupyterMessage Decode(IReadOnlyList<byte[]> frames)
    {
        var delimiterAt = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiterAt = i; break; }
        if (delimiterAt < 0) throw new InvalidMessageException("no <IDS|MSG> delimiter frame");
        if (frames.Count < delimiterAt + 6)
            throw new InvalidMessageException($"{frames.Count - delimiterAt - 1} frames after the delimiter; at least 5 are required");
        var signature = frames[delimiterAt + 1];
        var header = frames[delimiterAt + 2];
        var parent = frames[delimiterAt + 3];
        var metadata = frames[delimiterAt + 4];
        var content = frames[delimiterAt + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
            throw new InvalidMessageException(signature.Length == 0 ? "missing signature" : "signature does not match the connection key");
        var headerObject = Object(header, "header");
        if (headerObject["msg_type"] is null) throw new InvalidMessageException("header has no msg_type");
        return new JupyterMessage
        {
            Identities = frames.Take(delimiterAt).ToArray(),
            Header = headerObject,
            ParentHeader = Object(parent, "parent_header"),
            Metadata = Object(metadata, "metadata"),
            Content = Object(content, "content"),
            Buffers = frames.Skip(delimiterAt + 6).ToArray(),
        };
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static byte[] Json(JsonObject node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    private static JsonObject Object(byte[] utf8, string what)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject ?? throw new InvalidMessageException($"{what} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException($"{what} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>Frames that are not an acceptable Jupyter message (bad shape or bad signature).</summary>
public sealed class InvalidMessageException(string message) : Exception(message);

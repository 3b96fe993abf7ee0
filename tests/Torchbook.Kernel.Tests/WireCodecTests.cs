using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Torchbook.Kernel.Protocol;
using Xunit;

namespace Torchbook.Kernel.Tests;

public sealed class WireCodecTests
{
    private const string Key = "5ca1ab1e-0000-4000-8000-000000000001";
    private readonly WireCodec _codec = new(new MessageSigner(Key));

    private static JupyterMessage Sample() => new()
    {
        Identities = [[1, 2, 3]],
        Header = JupyterMessage.NewHeader("execute_request", "session-1"),
        Content = new JsonObject { ["code"] = "1 + 1", ["text"] = "ünïcode <tag>" },
        Buffers = [[9, 9]],
    };

    [Fact]
    public void Encoded_frames_follow_the_wire_layout_and_are_signed_with_hmac_sha256()
    {
        var frames = _codec.Encode(Sample());
        Assert.Equal([1, 2, 3], frames[0]);
        Assert.Equal("<IDS|MSG>", Encoding.ASCII.GetString(frames[1]));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), frames[3].Concat(frames[4]).Concat(frames[5]).Concat(frames[6]).ToArray());
        Assert.Equal(Convert.ToHexStringLower(expected), Encoding.ASCII.GetString(frames[2]));
        Assert.Equal([9, 9], frames[7]);
    }

    [Fact]
    public void Decoding_restores_identities_header_content_and_buffers()
    {
        var decoded = _codec.Decode(_codec.Encode(Sample()));
        Assert.Equal("execute_request", decoded.MessageType);
        Assert.Single(decoded.Identities);
        Assert.Equal("ünïcode <tag>", decoded.Content["text"]!.GetValue<string>());
        Assert.Equal([9, 9], Assert.Single(decoded.Buffers));
    }

    [Fact]
    public void A_tampered_content_or_a_wrong_key_or_no_signature_is_rejected()
    {
        var frames = _codec.Encode(Sample());
        var tampered = frames.ToList();
        tampered[6] = Encoding.UTF8.GetBytes("{\"code\":\"rm -rf\"}");
        Assert.Contains("signature", Assert.Throws<InvalidMessageException>(() => _codec.Decode(tampered)).Message);

        var otherKey = new WireCodec(new MessageSigner("another key"));
        Assert.Throws<InvalidMessageException>(() => otherKey.Decode(frames));

        var unsigned = frames.ToList();
        unsigned[2] = [];
        Assert.Contains("missing", Assert.Throws<InvalidMessageException>(() => _codec.Decode(unsigned)).Message);
    }

    [Fact]
    public void Frames_without_delimiter_or_with_bad_json_are_rejected()
    {
        Assert.Throws<InvalidMessageException>(() => _codec.Decode([[1], [2]]));
        var noSigning = new WireCodec(new MessageSigner(""));
        var frames = noSigning.Encode(Sample());
        frames[3] = "not json"u8.ToArray();
        Assert.Contains("header", Assert.Throws<InvalidMessageException>(() => noSigning.Decode(frames)).Message);
    }

    [Fact]
    public void An_empty_key_turns_signing_off_as_jupyter_specifies()
    {
        var noSigning = new WireCodec(new MessageSigner(""));
        var frames = noSigning.Encode(Sample());
        Assert.Empty(frames[2]);
        Assert.Equal("execute_request", noSigning.Decode(frames).MessageType);
    }

    [Fact]
    public void Connection_files_are_read_and_bad_ones_explained()
    {
        var dir = Directory.CreateTempSubdirectory("torchbook-conn-").FullName;
        try
        {
            var good = Path.Combine(dir, "good.json");
            File.WriteAllText(good, """{"shell_port":5001,"iopub_port":5002,"stdin_port":5003,"control_port":5004,"hb_port":5005,"ip":"127.0.0.1","key":"k","transport":"tcp","signature_scheme":"hmac-sha256","kernel_name":"x"}""");
            var info = ConnectionInfo.Load(good);
            Assert.Equal("tcp://127.0.0.1:5002", info.Endpoint(info.IopubPort));

            var missing = Assert.Throws<KernelStartupException>(() => ConnectionInfo.Load(Path.Combine(dir, "none.json")));
            Assert.Contains("does not exist", missing.Message);
            var notJson = Path.Combine(dir, "bad.json");
            File.WriteAllText(notJson, "{ nope");
            Assert.Contains("not valid JSON", Assert.Throws<KernelStartupException>(() => ConnectionInfo.Load(notJson)).Message);
            var badScheme = Path.Combine(dir, "scheme.json");
            File.WriteAllText(badScheme, """{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-md5"}""");
            Assert.Contains("hmac-md5", Assert.Throws<KernelStartupException>(() => ConnectionInfo.Load(badScheme)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

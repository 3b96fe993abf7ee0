using System.Text.Json;
using System.Text.Json.Nodes;

namespace Torchbook.Cli;

/// <summary>
/// What a `torchbook run-one` child tells its parent, one JSON object per line on its stdout
/// (prefixed, so stray output cannot be mistaken for an event), and what the parent tells the child
/// on its stdin (<c>stop ENAME MESSAGE</c>).
/// </summary>
internal static class ChildProtocol
{
    public const string Prefix = "@@torchbook ";
    public const string StopCommand = "stop";

    public static string Event(string name, params (string Key, JsonNode? Value)[] fields)
    {
        var obj = new JsonObject { ["event"] = name };
        foreach (var (key, value) in fields) obj[key] = value;
        return Prefix + obj.ToJsonString();
    }

    public static JsonObject? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try
        {
            return JsonNode.Parse(line[Prefix.Length..]) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Stop(string ename, string message) => $"{StopCommand} {ename} {message.ReplaceLineEndings(" ")}";
}

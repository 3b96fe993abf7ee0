using System.Text.Json.Nodes;
using Torchbook.Kernel.Execution;
using Torchbook.Kernel.Protocol;

namespace Torchbook.Kernel;

/// <summary>Publishes a running cell's outputs on iopub as children of its execute_request.</summary>
internal sealed class KernelOutputs(KernelServer server, JupyterMessage parent, bool silent) : ICellOutputs
{
    public void Stream(string name, string text)
    {
        if (silent || text.Length == 0) return;
        server.Send(Channel.IoPub, JupyterMessage.Reply(parent, "stream", new JsonObject { ["name"] = name, ["text"] = text }, server.Session));
    }

    public void Display(JsonObject data, JsonObject metadata, string? displayId, bool update)
    {
        if (silent) return;
        var content = new JsonObject
        {
            ["data"] = data.DeepClone(),
            ["metadata"] = metadata.DeepClone(),
            ["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId },
        };
        server.Send(Channel.IoPub, JupyterMessage.Reply(parent, update && displayId is not null ? "update_display_data" : "display_data", content, server.Session));
    }
}

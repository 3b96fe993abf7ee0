namespace Torchbook.Kernel.Protocol;

/// <summary>The five sockets of a Jupyter kernel.</summary>
public enum Channel
{
    Shell,
    Control,
    IoPub,
    Stdin,
    Heartbeat,
}

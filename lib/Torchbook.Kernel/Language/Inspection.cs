namespace Torchbook.Kernel.Language;

/// <summary>What inspect_request shows: the symbol's signature and its documentation.</summary>
public sealed record Inspection(string Signature, string? Summary)
{
    public string PlainText => Summary is null ? Signature : $"{Signature}\n\n{Summary}";

    public string Markdown => $"```csharp\n{Signature}\n```" + (Summary is null ? "" : $"\n\n{Summary}");
}

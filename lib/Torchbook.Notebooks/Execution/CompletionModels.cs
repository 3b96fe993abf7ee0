namespace Torchbook.Notebooks.Execution;

/// <summary>Completions at a cursor: replace [<see cref="ReplaceStart"/>, <see cref="ReplaceEnd"/>) with an item's label.</summary>
public sealed record CompletionResult(int ReplaceStart, int ReplaceEnd, IReadOnlyList<CompletionItem> Items);

/// <summary>One completion: the text to insert, its kind (Method, Property, Local, Namespace, ...) and its signature.</summary>
public sealed record CompletionItem(string Label, string Kind, string Detail);

/// <summary>What is under the cursor: the symbol's signature and its documentation summary when available.</summary>
public sealed record HoverResult(int Start, int End, string Signature, string? Documentation);

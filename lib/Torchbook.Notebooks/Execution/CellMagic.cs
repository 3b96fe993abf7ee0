namespace Torchbook.Notebooks.Execution;

/// <summary>Polyglot Notebooks' kernel-selector first line (<c>#!csharp</c>, <c>#!c#</c>, <c>#!C#</c>).</summary>
internal static class CellMagic
{
    private static readonly string[] CSharpMagics = ["#!csharp", "#!c#", "#!C#"];

    /// <summary>
    /// The code with a C# selector line blanked with spaces (offsets and line numbers unchanged); null when the first line is
    /// another magic (<c>#!fsharp</c>, <c>#!time</c>, ...) that this engine does not run.
    /// </summary>
    public static string? Strip(string code)
    {
        var start = 0;
        while (start < code.Length && code[start] is ' ' or '\t' or '\r' or '\n') start++;
        if (start + 1 >= code.Length || code[start] != '#' || code[start + 1] != '!') return code;
        var end = code.IndexOf('\n', start);
        var line = (end < 0 ? code[start..] : code[start..end]).Trim();
        if (!CSharpMagics.Contains(line, StringComparer.Ordinal)) return null;
        var lineEnd = end < 0 ? code.Length : end;
        return code[..start] + new string(' ', lineEnd - start) + code[lineEnd..];
    }
}

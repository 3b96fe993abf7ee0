namespace Torchbook.Kernel.Language;

/// <summary>
/// Jupyter (protocol 5.2+) counts cursor positions in Unicode code points; .NET strings count
/// UTF-16 code units. These convert between the two.
/// </summary>
public static class CodePoints
{
    public static int ToUtf16Index(string text, int codePointOffset)
    {
        var index = 0;
        for (var seen = 0; seen < codePointOffset && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    public static int FromUtf16Index(string text, int utf16Index)
    {
        var count = 0;
        for (var i = 0; i < utf16Index && i < text.Length; i++)
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]))) count++;
        return count;
    }
}

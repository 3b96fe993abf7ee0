using System.Net;
using Torchbook.Formatting;

namespace TorchSharp;

/// <summary>
/// How notebooks show modules and summaries: PyTorch's repr (or torchsummary's table) as text,
/// and the same text in a &lt;pre&gt; block for HTML front ends, so the layout survives.
/// </summary>
public sealed class ModuleFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TypeFormatter<torch.nn.Module>(MimeTypes.Html, (m, w) => Pre(m.ToString(), w));
        yield return new TypeFormatter<torch.nn.Module>(MimeTypes.PlainText, (m, w) => { w.Write(m.ToString()); return true; });
        yield return new TypeFormatter<torch.nn.ModelSummary>(MimeTypes.Html, (s, w) => Pre(s.ToString(), w));
        yield return new TypeFormatter<torch.nn.ModelSummary>(MimeTypes.PlainText, (s, w) => { w.Write(s.ToString()); return true; });
    }

    private static bool Pre(string text, TextWriter w)
    {
        w.Write("<pre class=\"torchbook-module\">");
        w.Write(WebUtility.HtmlEncode(text));
        w.Write("</pre>");
        return true;
    }
}

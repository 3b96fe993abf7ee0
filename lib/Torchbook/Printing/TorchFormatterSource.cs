using System.Net;
using Torchbook;
using Torchbook.Formatting;
using TorchSharp;

[assembly: TypeFormatterSource(typeof(TorchFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]

namespace Torchbook;

/// <summary>
/// How a notebook shows TorchSharp's tensors and modules and our model summaries: PyTorch's text
/// (<see cref="TensorPrinting.repr"/>, <see cref="ModuleRepr.repr"/>, torchsummary's table, shape traces, parameter tables) as
/// text/plain, and the same text in a &lt;pre&gt; block as text/html so that front ends keep the
/// layout. TorchSharp's types are not ours, so the formatters are declared for this assembly and
/// say which type each one handles.
/// </summary>
public sealed class TorchFormatterSource
{
    /// <summary>The formatters, in the shape .NET Interactive's convention discovers.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TypeFormatter<torch.Tensor>(MimeTypes.Html, (t, w) => Pre("torchbook-tensor", t.repr(), w));
        yield return new TypeFormatter<torch.Tensor>(MimeTypes.PlainText, (t, w) => { w.Write(t.repr()); return true; });
        yield return new TypeFormatter<torch.nn.Module>(MimeTypes.Html, (m, w) => Pre("torchbook-module", m.repr(), w));
        yield return new TypeFormatter<torch.nn.Module>(MimeTypes.PlainText, (m, w) => { w.Write(m.repr()); return true; });
        yield return new TypeFormatter<ModelSummary>(MimeTypes.Html, (s, w) => Pre("torchbook-module", s.ToString(), w));
        yield return new TypeFormatter<ModelSummary>(MimeTypes.PlainText, (s, w) => { w.Write(s.ToString()); return true; });
        yield return new TypeFormatter<ShapeTrace>(MimeTypes.Html, (s, w) => Pre("torchbook-module", s.ToString(), w));
        yield return new TypeFormatter<ShapeTrace>(MimeTypes.PlainText, (s, w) => { w.Write(s.ToString()); return true; });
        yield return new TypeFormatter<ParameterTable>(MimeTypes.Html, (s, w) => Pre("torchbook-module", s.ToString(), w));
        yield return new TypeFormatter<ParameterTable>(MimeTypes.PlainText, (s, w) => { w.Write(s.ToString()); return true; });
    }

    private static bool Pre(string cssClass, string text, TextWriter w)
    {
        w.Write($"<pre class=\"{cssClass}\">");
        w.Write(WebUtility.HtmlEncode(text));
        w.Write("</pre>");
        return true;
    }
}

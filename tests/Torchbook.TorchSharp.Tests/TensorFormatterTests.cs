using Torchbook.Formatting;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

public class TensorFormatterTests
{
    private static string Format(Tensor t, string mime)
    {
        var attr = (TypeFormatterSourceAttribute)Attribute.GetCustomAttribute(typeof(Tensor), typeof(TypeFormatterSourceAttribute))!;
        var source = (TensorFormatterSource)Activator.CreateInstance(attr.FormatterSourceType)!;
        var formatter = source.CreateTypeFormatters().Cast<TypeFormatter<Tensor>>().Single(f => f.MimeType == mime);
        var w = new StringWriter();
        Assert.True(formatter.Format(t, w));
        return w.ToString();
    }

    [Fact]
    public void Small_matrices_become_html_tables_with_shape_and_dtype()
    {
        var html = Format(tensor(new float[,] { { 1.5f, 2 }, { 3, 4 } }), MimeTypes.Html);
        Assert.Equal(4, html.Split("<td").Length - 1);
        Assert.Contains(">1.5000<", html);
        Assert.Contains("shape [2, 2] · torch.float32", html);
    }

    [Fact]
    public void Large_or_high_rank_tensors_fall_back_to_pytorch_text()
    {
        var t = arange(400).reshape(20, 20);
        Assert.Equal("<pre>" + System.Net.WebUtility.HtmlEncode(t.ToString()) + "</pre>", Format(t, MimeTypes.Html));
        Assert.StartsWith("<pre>tensor([[[", Format(zeros(2, 2, 2), MimeTypes.Html));
    }

    [Fact]
    public void Plain_text_is_the_repr_and_grad_fn_is_named()
    {
        var w = ones(2, requires_grad: true);
        Assert.Equal("tensor([1., 1.], requires_grad=True)", Format(w, MimeTypes.PlainText));
        Assert.Contains("grad_fn=MulBackward0", Format(w * 2, MimeTypes.Html));
    }
}

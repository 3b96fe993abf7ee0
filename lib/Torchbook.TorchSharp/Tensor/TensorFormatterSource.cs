using System.Globalization;
using System.Net;
using Torchbook.Formatting;

namespace TorchSharp;

/// <summary>
/// How notebooks show a tensor: PyTorch's text for every tensor, and for small 1-D and 2-D
/// tensors an HTML table with the shape and dtype, which is easier to read than brackets.
/// </summary>
public sealed class TensorFormatterSource
{
    /// <summary>Largest number of rows and columns shown as a table.</summary>
    public const int MaxTableRows = 16, MaxTableColumns = 16;

    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TypeFormatter<torch.Tensor>(MimeTypes.Html, WriteHtml);
        yield return new TypeFormatter<torch.Tensor>(MimeTypes.PlainText, (t, w) => { w.Write(t.ToString()); return true; });
    }

    private static bool WriteHtml(torch.Tensor t, TextWriter w)
    {
        if (t.IsInvalid) { w.Write("<pre>tensor(&lt;disposed&gt;)</pre>"); return true; }
        var shape = t.shape;
        var rows = shape.Length == 2 ? shape[0] : 1;
        var cols = shape.Length switch { 1 => shape[0], 2 => shape[1], _ => 0 };
        if (shape.Length is < 1 or > 2 || rows > MaxTableRows || cols > MaxTableColumns || cols == 0 || torch.is_complex(t.dtype))
        {
            w.Write("<pre>");
            w.Write(WebUtility.HtmlEncode(t.ToString()));
            w.Write("</pre>");
            return true;
        }
        string[] cells;
        using (torch.no_grad())
        using (var flat = t.detach().cpu().reshape(-1))
        {
            cells = t.dtype == ScalarType.Bool ? flat.ToArray<bool>().Select(b => b ? "True" : "False").ToArray()
                : torch.is_floating_point(t.dtype) ? flat.ToArray<double>().Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture)).ToArray()
                : flat.ToArray<long>().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        var extras = new List<string> { $"shape [{string.Join(", ", shape)}]", DtypeName(t.dtype) };
        if (t.device_type != DeviceType.CPU) extras.Add(t.device.ToString());
        if (t.requires_grad) { using var fn = t.grad_fn; extras.Add(fn is null ? "requires_grad" : $"grad_fn={fn.name()}"); }
        w.Write("<table class=\"torchbook-tensor\" style=\"border-collapse:collapse;font-family:monospace;font-size:12px\">");
        w.Write($"<caption style=\"caption-side:bottom;text-align:left;color:#57606a\">{string.Join(" · ", extras.Select(WebUtility.HtmlEncode))}</caption>");
        for (long r = 0; r < rows; r++)
        {
            w.Write("<tr>");
            for (long c = 0; c < cols; c++)
                w.Write($"<td style=\"border:1px solid #d0d7de;padding:2px 6px;text-align:right\">{cells[r * cols + c]}</td>");
            w.Write("</tr>");
        }
        w.Write("</table>");
        return true;
    }

    private static string DtypeName(ScalarType t) => t switch
    {
        ScalarType.Byte => "torch.uint8", ScalarType.Int8 => "torch.int8", ScalarType.Int16 => "torch.int16",
        ScalarType.Int32 => "torch.int32", ScalarType.Int64 => "torch.int64", ScalarType.Float16 => "torch.float16",
        ScalarType.BFloat16 => "torch.bfloat16", ScalarType.Float32 => "torch.float32", ScalarType.Float64 => "torch.float64",
        ScalarType.Bool => "torch.bool", _ => t.ToString(),
    };
}

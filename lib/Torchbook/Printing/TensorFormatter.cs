using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace Torchbook;

/// <summary>
/// The text of a tensor, equal character for character to PyTorch 1.13's <c>repr(tensor)</c>
/// (which is also its <c>str(tensor)</c>): nested brackets, aligned elements, summarisation with
/// "...", line wrapping, and the suffixes (device, size, dtype, grad_fn, requires_grad).
/// </summary>
internal static class TensorFormatter
{
    private const string Prefix = "tensor(";
    private const string ParameterHeader = "Parameter containing:\n";

    /// <summary>The text of a tensor under the given options.</summary>
    /// <exception cref="ArgumentException">The element array does not fit the shape.</exception>
    public static string Repr(TensorPrintData data, PrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);

        int indent = Prefix.Length;
        var suffixes = new List<string>();

        // PyTorch prints the device whenever it is not the default (CPU) one.
        if (DeviceType(data.Device) != "cpu") suffixes.Add("device='" + data.Device + "'");

        string body;
        if (data.ElementCount == 0)
        {
            // An empty tensor shows its shape unless it is (0,), and its dtype unless it is the
            // default float type: with no elements, nothing else tells int64 from float32.
            if (data.Shape.Length != 1) suffixes.Add("size=" + ShapeTuple(data.Shape));
            if (data.DType != data.DefaultDType) suffixes.Add("dtype=" + DTypeText.TorchName(data.DType));
            body = "[]";
        }
        else
        {
            var defaultComplex = data.DefaultDType == ScalarType.Float64 ? ScalarType.ComplexFloat64 : ScalarType.ComplexFloat32;
            bool impliedByElements = data.DType == data.DefaultDType || data.DType == defaultComplex
                || data.DType == ScalarType.Int64 || data.DType == ScalarType.Bool;
            if (!impliedByElements) suffixes.Add("dtype=" + DTypeText.TorchName(data.DType));
            body = Body(data, options, indent);
        }

        if (data.GradFn is not null) suffixes.Add("grad_fn=<" + data.GradFn + ">");
        else if (data.RequiresGrad) suffixes.Add("requires_grad=True");

        string text = AddSuffixes(Prefix + body, suffixes, indent, options.LineWidth);
        return data.IsParameter ? ParameterHeader + text : text;
    }

    /// <summary>
    /// The flat row-major indices of the elements that a tensor of this shape prints under these
    /// options, in print order: all of them, or when the tensor has more than
    /// <see cref="PrintOptions.Threshold"/> elements, the first and last
    /// <see cref="PrintOptions.EdgeItems"/> of every dimension longer than twice that. A caller may
    /// copy just these elements into <see cref="TensorPrintData"/>.
    /// </summary>
    public static long[] PrintedElementIndices(long[] shape, PrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new Layout(shape, TensorPrintData.CountElements(shape), options);
        return layout.PrintedIndices();
    }

    private static string Body(TensorPrintData data, PrintOptions options, int indent)
    {
        var layout = new Layout(data.Shape, data.ElementCount, options);
        long[]? printed = layout.Summarize ? layout.PrintedIndices() : null;
        long printedCount = printed?.LongLength ?? data.ElementCount;
        bool gathered = data.ValueCount != data.ElementCount;
        if (gathered && data.ValueCount != printedCount)
            throw new ArgumentException(
                $"A tensor of shape {ShapeTuple(data.Shape)} has {data.ElementCount} elements, of which {printedCount} are printed " +
                $"under these options, but {data.ValueCount} values were given: give all elements in row-major order, " +
                "or exactly those at TensorFormatter.PrintedElementIndices(shape, options), in that order.", nameof(data));

        // k-th printed element -> index into the value array.
        long Source(long k) => gathered || printed is null ? k : printed[k];

        int width;
        Func<long, string> format;
        switch (TensorPrintData.KindOf(data.DType))
        {
            case TensorPrintData.ElementKind.Floating:
            {
                var shown = ShownFloats(data.FloatValues!, printedCount, Source, PartType(data.DType));
                var formatter = ElementFormatter.ForFloats(shown, options);
                width = formatter.Width;
                format = k => formatter.FormatFloat(shown[k]);
                break;
            }
            case TensorPrintData.ElementKind.Complex:
            {
                // PyTorch formats the real and the imaginary parts with a formatter each; the
                // imaginary part keeps its sign ("+" added when it has none) and gets a "j".
                var part = PartType(data.DType);
                var real = ShownFloats(data.FloatValues!, printedCount, Source, part);
                var imag = ShownFloats(data.ImagValues!, printedCount, Source, part);
                var realFormatter = ElementFormatter.ForFloats(real, options);
                var imagFormatter = ElementFormatter.ForFloats(imag, options);
                width = realFormatter.Width + imagFormatter.Width + 1;
                format = k =>
                {
                    string re = realFormatter.FormatFloat(real[k]);
                    string im = (imagFormatter.FormatFloat(imag[k]) + "j").TrimStart();
                    return im[0] is '+' or '-' ? re + im : re + "+" + im;
                };
                break;
            }
            case TensorPrintData.ElementKind.Integer:
            {
                var values = data.IntegerValues!;
                var shown = new long[printedCount];
                for (long k = 0; k < printedCount; k++)
                {
                    shown[k] = values[Source(k)];
                    CheckInRange(shown[k], data.DType, k);
                }
                var formatter = ElementFormatter.ForIntegers(shown);
                width = formatter.Width;
                format = k => formatter.FormatInteger(shown[k]);
                break;
            }
            default:
            {
                var values = data.BoolValues!;
                var shown = new bool[printedCount];
                for (long k = 0; k < printedCount; k++) shown[k] = values[Source(k)];
                var formatter = ElementFormatter.ForBools(shown);
                width = formatter.Width;
                format = k => formatter.FormatBool(shown[k]);
                break;
            }
        }

        var builder = new StringBuilder();
        long next = 0;
        if (data.Shape.Length == 0) builder.Append(format(next++));
        else layout.Write(builder, 0, indent, width, () => format(next++));
        return builder.ToString();
    }

    private static double[] ShownFloats(double[] values, long printedCount, Func<long, long> source, ScalarType dtype)
    {
        var shown = new double[printedCount];
        for (long k = 0; k < printedCount; k++)
        {
            shown[k] = values[source(k)];
            CheckRepresentable(shown[k], dtype, k);
        }
        return shown;
    }

    /// <summary>The type of one number of an element: the float type of a complex type's parts.</summary>
    private static ScalarType PartType(ScalarType dtype) => dtype switch
    {
        ScalarType.ComplexFloat32 => ScalarType.Float32,
        ScalarType.ComplexFloat64 => ScalarType.Float64,
        _ => dtype,
    };

    /// <summary>PyTorch's <c>_add_suffixes</c>: ", suffix" while it fits the line, else a new line at the indent.</summary>
    private static string AddSuffixes(string text, List<string> suffixes, int indent, int lineWidth)
    {
        var builder = new StringBuilder(text);
        // PyTorch counts the last line as len - rfind("\n") + 1, two more than its length when
        // there is no newline; kept as is, since it decides where suffixes break.
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > lineWidth)
            {
                builder.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                builder.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        return builder.Append(')').ToString();
    }

    private static string DeviceType(string device)
    {
        int colon = device.IndexOf(':');
        return colon < 0 ? device : device[..colon];
    }

    /// <summary>Python's <c>str(tuple(shape))</c>: "(0, 3)", "(0,)".</summary>
    internal static string ShapeTuple(long[] shape) => shape.Length == 1
        ? "(" + shape[0].ToString(CultureInfo.InvariantCulture) + ",)"
        : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";

    private static void CheckRepresentable(double value, ScalarType dtype, long printedIndex)
    {
        if (double.IsNaN(value)) return;
        bool exact = dtype switch
        {
            ScalarType.Float32 => (double)(float)value == value,
            ScalarType.Float16 => (double)(Half)value == value,
            ScalarType.BFloat16 => (double)(float)value == value && (BitConverter.SingleToInt32Bits((float)value) & 0xFFFF) == 0,
            _ => true,
        };
        if (!exact)
            throw new ArgumentException(
                $"Printed element {printedIndex} ({value.ToString("R", CultureInfo.InvariantCulture)}) is not a {DTypeText.Name(dtype)} value: " +
                $"convert the tensor's {DTypeText.Name(dtype)} elements to double exactly, without arithmetic.");
    }

    private static void CheckInRange(long value, ScalarType dtype, long printedIndex)
    {
        (long min, long max) = dtype switch
        {
            ScalarType.Byte => (byte.MinValue, byte.MaxValue),
            ScalarType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
            ScalarType.Int16 => (short.MinValue, short.MaxValue),
            ScalarType.Int32 => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        if (value < min || value > max)
            throw new ArgumentException(
                $"Printed element {printedIndex} ({value}) is out of range for {DTypeText.Name(dtype)} ({min}..{max}).");
    }
}

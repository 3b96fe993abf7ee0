using System.Globalization;
using System.Text;

namespace Torchbook;

/// <summary>One row of a model summary: a layer, the shape it produced (batch as -1) and its own parameter count.</summary>
public sealed record SummaryRow(string Layer, long[] OutputShape, long Params, bool Trainable);

/// <summary>
/// What <see cref="torchsummary.summary"/> found: each layer that ran, the totals and torchsummary's
/// memory estimates (float32). Prints as torchsummary prints it.
/// </summary>
public sealed class ModelSummary
{
    internal ModelSummary(IReadOnlyList<SummaryRow> rows, double inputSizeMB)
    {
        Rows = rows;
        TotalParams = rows.Sum(r => r.Params);
        TrainableParams = rows.Where(r => r.Trainable).Sum(r => r.Params);
        InputSizeMB = inputSizeMB;
        // torchsummary: abs(2 * sum(prod(output_shape)) * 4 bytes), the shapes holding -1 for the batch.
        ForwardBackwardSizeMB = Math.Abs(2.0 * rows.Sum(r => (double)r.OutputShape.Aggregate(1L, (a, b) => a * b)) * 4.0 / (1024 * 1024));
    }

    public IReadOnlyList<SummaryRow> Rows { get; }
    public long TotalParams { get; }
    public long TrainableParams { get; }
    public long NonTrainableParams => TotalParams - TrainableParams;
    public double InputSizeMB { get; }
    public double ForwardBackwardSizeMB { get; }
    public double ParamsSizeMB => TotalParams * 4.0 / (1024 * 1024);
    public double TotalSizeMB => ParamsSizeMB + ForwardBackwardSizeMB + InputSizeMB;

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
    private static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>torchsummary's table, line for line.</summary>
    public override string ToString()
    {
        const string rule = "----------------------------------------------------------------";
        const string doubleRule = "================================================================";
        var sb = new StringBuilder();
        sb.Append(rule).Append('\n');
        sb.Append($"{"Layer (type)",20}  {"Output Shape",25} {"Param #",15}").Append('\n');
        sb.Append(doubleRule).Append('\n');
        foreach (var r in Rows)
            sb.Append($"{r.Layer,20}  {"[" + string.Join(", ", r.OutputShape) + "]",25} {N(r.Params),15}").Append('\n');
        sb.Append(doubleRule).Append('\n');
        sb.Append($"Total params: {N(TotalParams)}\n");
        sb.Append($"Trainable params: {N(TrainableParams)}\n");
        sb.Append($"Non-trainable params: {N(NonTrainableParams)}\n");
        sb.Append(rule).Append('\n');
        sb.Append($"Input size (MB): {F2(InputSizeMB)}\n");
        sb.Append($"Forward/backward pass size (MB): {F2(ForwardBackwardSizeMB)}\n");
        sb.Append($"Params size (MB): {F2(ParamsSizeMB)}\n");
        sb.Append($"Estimated Total Size (MB): {F2(TotalSizeMB)}\n");
        sb.Append(rule);
        return sb.ToString();
    }
}

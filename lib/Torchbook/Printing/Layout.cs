using System.Text;

namespace Torchbook;

/// <summary>
/// Where the elements of a tensor go in its text: which ones are shown (summarisation), the
/// brackets, the separators between rows and blocks, and the wrapping of long rows
/// (PyTorch's <c>_tensor_str_with_formatter</c>, <c>_vector_str</c> and <c>get_summarized_data</c>).
/// </summary>
internal sealed class Layout
{
    private readonly long[] shape;
    private readonly int edgeItems;
    private readonly int lineWidth;

    public Layout(long[] shape, long elementCount, PrintOptions options)
    {
        this.shape = shape;
        edgeItems = options.EdgeItems;
        lineWidth = options.LineWidth;
        Summarize = elementCount > options.Threshold;
    }

    /// <summary>More elements than the threshold: long dimensions show only their edges.</summary>
    public bool Summarize { get; }

    /// <summary>Whether dimension <paramref name="dim"/> is cut down to its edges, with "..." between.</summary>
    private bool IsElided(int dim) => Summarize && shape[dim] > 2L * edgeItems;

    /// <summary>The positions shown along one dimension, in order; -1 marks the "..." between the edges.</summary>
    private IEnumerable<long> Positions(int dim)
    {
        long size = shape[dim];
        if (!IsElided(dim))
        {
            for (long i = 0; i < size; i++) yield return i;
            yield break;
        }
        for (long i = 0; i < edgeItems; i++) yield return i;
        yield return -1;
        for (long i = size - edgeItems; i < size; i++) yield return i;
    }

    /// <summary>The flat row-major indices of the shown elements, in print order.</summary>
    public long[] PrintedIndices()
    {
        var result = new List<long>();
        var strides = new long[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        if (shape.Contains(0)) return [];
        Collect(0, 0);
        return result.ToArray();

        void Collect(int dim, long offset)
        {
            if (dim == shape.Length)
            {
                result.Add(offset);
                return;
            }
            foreach (long i in Positions(dim))
                if (i >= 0) Collect(dim + 1, offset + i * strides[dim]);
        }
    }

    /// <summary>
    /// Writes dimensions <paramref name="dim"/>.. of a non-scalar tensor, opening its bracket at
    /// column <paramref name="indent"/>; <paramref name="next"/> yields the formatted elements in print order.
    /// </summary>
    public void Write(StringBuilder builder, int dim, int indent, int elementWidth, Func<string> next)
    {
        builder.Append('[');
        if (dim == shape.Length - 1)
        {
            WriteRow(builder, dim, indent, elementWidth, next);
        }
        else
        {
            // Blocks of rank r are separated by a comma and r - 1 newlines (blank lines between
            // matrices, two between 3-d blocks, ...), then aligned under the opening bracket.
            int blankLines = shape.Length - dim - 1;
            bool first = true;
            foreach (long i in Positions(dim))
            {
                if (!first) builder.Append(',').Append('\n', blankLines).Append(' ', indent + 1);
                first = false;
                if (i < 0) builder.Append("...");
                else Write(builder, dim + 1, indent + 1, elementWidth, next);
            }
        }
        builder.Append(']');
    }

    /// <summary>One innermost row: ", "-separated, wrapped after as many elements as fit the line width.</summary>
    private void WriteRow(StringBuilder builder, int dim, int indent, int elementWidth, Func<string> next)
    {
        int elementLength = elementWidth + 2; // the element, a comma and a space
        int perLine = (int)Math.Max(1, Math.Floor((double)(lineWidth - indent) / elementLength));
        int onLine = 0;
        foreach (long i in Positions(dim))
        {
            if (onLine == perLine)
            {
                builder.Append(",\n").Append(' ', indent + 1);
                onLine = 0;
            }
            else if (onLine > 0)
            {
                builder.Append(", ");
            }
            builder.Append(i < 0 ? " ..." : next());
            onLine++;
        }
    }
}

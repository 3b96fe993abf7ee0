namespace TorchSharp.Serialization;

/// <summary>Copies a strided view of a storage into contiguous row-major bytes.</summary>
static class StridedCopy
{
    /// <summary>True when (size, stride) is the row-major layout, ignoring dimensions of size 1.</summary>
    public static bool IsContiguous(long[] size, long[] stride)
    {
        long expected = 1;
        for (int i = size.Length - 1; i >= 0; i--)
        {
            if (size[i] == 0) return true;
            if (size[i] != 1 && stride[i] != expected) return false;
            expected *= size[i];
        }
        return true;
    }

    /// <summary>The row-major strides of a shape, as PyTorch computes them.</summary>
    public static long[] ContiguousStrides(IReadOnlyList<long> size)
    {
        var stride = new long[size.Count];
        long running = 1;
        for (int i = size.Count - 1; i >= 0; i--)
        {
            stride[i] = running;
            running *= Math.Max(size[i], 1);
        }
        return stride;
    }

    /// <summary>Gathers the elements of the view (bounds already checked) in row-major order.</summary>
    public static byte[] Gather(byte[] storage, int elementSize, long offset, long[] size, long[] stride)
    {
        long numel = RawTensor.CountElements(size)!.Value;
        var result = new byte[numel * elementSize];
        if (numel == 0) return result;
        if (IsContiguous(size, stride))
        {
            Array.Copy(storage, offset * elementSize, result, 0, result.LongLength);
            return result;
        }

        // Walk the outer indices with an odometer; copy the innermost dimension as one block when
        // its stride is 1, else element by element.
        int rank = size.Length;
        int inner = rank - 1;
        long innerCount = size[inner];
        long innerStride = stride[inner];
        var index = new long[rank];
        long source = offset;
        long target = 0;
        while (true)
        {
            if (innerStride == 1)
            {
                Array.Copy(storage, source * elementSize, result, target, innerCount * elementSize);
                target += innerCount * elementSize;
            }
            else
            {
                long s = source;
                for (long j = 0; j < innerCount; j++, s += innerStride)
                {
                    Array.Copy(storage, s * elementSize, result, target, elementSize);
                    target += elementSize;
                }
            }

            int d = inner - 1;
            while (d >= 0)
            {
                index[d]++;
                source += stride[d];
                if (index[d] < size[d]) break;
                source -= stride[d] * size[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) return result;
        }
    }
}

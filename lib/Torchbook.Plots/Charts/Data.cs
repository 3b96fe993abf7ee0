using System.Numerics;

namespace Torchbook.Plots;

/// <summary>Input checks and conversions shared by the chart builders, with messages that say what to do.</summary>
internal static class Data
{
    public static double[] ToDoubles<T>(IEnumerable<T>? values, string what, string caller) where T : INumberBase<T>
    {
        if (values is null) throw new ArgumentNullException(what, $"{caller}: {what} is null; pass an array or list of numbers.");
        return values.Select(v => double.CreateSaturating(v)).ToArray();
    }

    public static double[] NonEmpty<T>(IEnumerable<T>? values, string what, string caller) where T : INumberBase<T>
    {
        var d = ToDoubles(values, what, caller);
        if (d.Length == 0) throw new ArgumentException($"{caller}: {what} is empty; pass at least one value.", what);
        return d;
    }

    public static void CheckSameLength(int a, int b, string nameA, string nameB, string caller)
    {
        if (a != b)
            throw new ArgumentException($"{caller}: {nameA} has {a} values but {nameB} has {b}; they must have the same length (one {nameA} per {nameB}).");
    }

    public static double[] Range(int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /// <summary>Class indices (0, 1, 2, ...) as ints; rejects empty input and negative or huge indices.</summary>
    public static int[] ClassIndices<T>(IEnumerable<T>? values, string what, string caller) where T : IBinaryInteger<T>
    {
        if (values is null) throw new ArgumentNullException(what, $"{caller}: {what} is null; pass one class index per example.");
        var list = values.ToArray();
        if (list.Length == 0) throw new ArgumentException($"{caller}: {what} is empty; pass one class index per example.", what);
        var result = new int[list.Length];
        for (int i = 0; i < list.Length; i++)
        {
            var v = list[i];
            if (T.IsNegative(v) || v > T.CreateTruncating(100_000))
                throw new ArgumentException($"{caller}: class indices must be between 0 and 100000; {what}[{i}] is {v}.", what);
            result[i] = int.CreateTruncating(v);
        }
        return result;
    }
}

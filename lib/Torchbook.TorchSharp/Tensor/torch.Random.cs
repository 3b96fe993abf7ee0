using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

// Random sampling. With the same seed these give the same numbers as PyTorch: the generator is
// libtorch's own.
public static partial class torch
{
    /// <summary>Uniform samples in [0, 1).</summary>
    public static unsafe Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        fixed (long* p = size)
            return Tensor.Wrap(tb_rand(p, size.Length, GeneratorArg(generator), DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    }
    public static Tensor rand(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => rand([size], dtype, device, requires_grad, generator);
    public static Tensor rand(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => rand([rows, columns], dtype, device, requires_grad, generator);
    public static Tensor rand(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => rand([dim0, dim1, dim2], dtype, device, requires_grad, generator);
    public static Tensor rand(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => rand([dim0, dim1, dim2, dim3], dtype, device, requires_grad, generator);

    /// <summary>Samples from the standard normal distribution.</summary>
    public static unsafe Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        fixed (long* p = size)
            return Tensor.Wrap(tb_randn(p, size.Length, GeneratorArg(generator), DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    }
    public static Tensor randn(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => randn([size], dtype, device, requires_grad, generator);
    public static Tensor randn(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => randn([rows, columns], dtype, device, requires_grad, generator);
    public static Tensor randn(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => randn([dim0, dim1, dim2], dtype, device, requires_grad, generator);
    public static Tensor randn(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) => randn([dim0, dim1, dim2, dim3], dtype, device, requires_grad, generator);

    /// <summary>Integers drawn uniformly from [low, high); int64 unless a dtype is given.</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        if (high <= low) throw new ArgumentException($"randint: low ({low}) must be below high ({high}).");
        fixed (long* p = size)
            return Tensor.Wrap(tb_randint(low, high, p, size.Length, GeneratorArg(generator), DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    }
    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        randint(0, high, size, dtype, device, requires_grad, generator);

    /// <summary>A random permutation of 0 .. n-1.</summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Tensor.Wrap(tb_randperm(n, GeneratorArg(generator), DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));

    /// <summary>Samples from a normal distribution with the given mean and standard deviation.</summary>
    public static unsafe Tensor normal(double mean, double std, long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        fixed (long* p = size)
            return Tensor.Wrap(tb_normal(mean, std, p, size.Length, GeneratorArg(generator), DtypeArg(dtype), DeviceTypeArg(device), DeviceIndexArg(device), requires_grad ? 1 : 0));
    }

    /// <summary>0/1 samples, each 1 with the probability given by <paramref name="input"/>.</summary>
    public static Tensor bernoulli(Tensor input, Generator? generator = null) => Tensor.Wrap(tb_bernoulli(input.Handle, GeneratorArg(generator)));

    /// <summary>Indices sampled from the categorical distributions in the rows of <paramref name="input"/>.</summary>
    public static Tensor multinomial(Tensor input, long num_samples, bool replacement = false, Generator? generator = null) =>
        Tensor.Wrap(tb_multinomial(input.Handle, num_samples, replacement ? 1 : 0, GeneratorArg(generator)));

    public partial class Tensor
    {
        public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null) { Native.NativeErrors.Check(tb_normal_(Handle, mean, std, GeneratorArg(generator))); return this; }
        public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null) { Native.NativeErrors.Check(tb_uniform_(Handle, from, to, GeneratorArg(generator))); return this; }
        public Tensor bernoulli_(double p = 0.5, Generator? generator = null) { Native.NativeErrors.Check(tb_bernoulli_(Handle, p, GeneratorArg(generator))); return this; }
        public Tensor random_(long from, long to, Generator? generator = null) { Native.NativeErrors.Check(tb_random_(Handle, from, to, GeneratorArg(generator))); return this; }
        /// <summary>
        /// Fills with random integers over the whole range of the element type: [0, 2^63 - 1] for int64,
        /// [0, 2^mantissa] for floats (PyTorch's <c>random_()</c> with no bounds; it maps the number it draws
        /// differently from <c>random_(0, long.MaxValue)</c>).
        /// </summary>
        public Tensor random_(Generator? generator = null) { Native.NativeErrors.Check(tb_random_full_(Handle, GeneratorArg(generator))); return this; }
        public Tensor exponential_(double lambd = 1, Generator? generator = null) { Native.NativeErrors.Check(tb_exponential_(Handle, lambd, GeneratorArg(generator))); return this; }
    }
}

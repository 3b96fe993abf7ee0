using TorchSharp.Native;
using static TorchSharp.Native.NativeMethods;

namespace TorchSharp;

public static partial class torch
{
    /// <summary>
    /// A random-number generator (libtorch's CPU generator, Philox/Mersenne as PyTorch uses).
    /// Random functions take one through their <c>generator</c> argument; without it they use the
    /// default generator that <see cref="manual_seed"/> seeds.
    /// </summary>
    public sealed class Generator : IDisposable
    {
        internal IntPtr handle;

        internal Generator(IntPtr handle) { this.handle = handle; }

        /// <summary>A new generator seeded with <paramref name="seed"/>.</summary>
        public Generator(ulong seed = 67280421310721UL, Device? device = null)
        {
            if (device is not null && device.type != DeviceType.CPU)
                throw new NotSupportedException("Only CPU generators are supported; CUDA random functions use the default CUDA generator.");
            handle = NativeErrors.Check(tb_generator_new(seed));
        }

        private static Generator? _default;

        /// <summary>libtorch's default CPU generator.</summary>
        public static Generator Default => _default ??= new Generator(NativeErrors.Check(tb_default_generator()));

        public Generator manual_seed(long seed)
        {
            NativeErrors.Check(tb_generator_manual_seed(Handle, unchecked((ulong)seed)));
            return this;
        }

        public ulong initial_seed() => tb_generator_initial_seed(Handle);

        /// <summary>The generator's full state as a uint8 tensor, to restore later with <see cref="set_state"/>.</summary>
        public Tensor get_state() => Tensor.Wrap(tb_generator_get_state(Handle));

        public Generator set_state(Tensor state)
        {
            NativeErrors.Check(tb_generator_set_state(Handle, state.Handle));
            return this;
        }

        internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

        public void Dispose()
        {
            if (ReferenceEquals(this, _default)) return;
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) tb_generator_dispose(h);
            GC.SuppressFinalize(this);
        }

        ~Generator()
        {
            var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
            if (h != IntPtr.Zero) tb_generator_dispose(h);
        }
    }

    internal static IntPtr GeneratorArg(Generator? generator) => generator?.Handle ?? IntPtr.Zero;
}

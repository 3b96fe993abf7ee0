using System.Runtime.InteropServices;

namespace Torchbook;

/// <summary>
/// Keeps libtorch's oneDNN off the convolution kernels that compute wrong input gradients (x64 only).
/// <para>
/// libtorch 2.10 (the one TorchSharp 0.107 ships) runs CPU convolutions through oneDNN 3.7.1. Its direct
/// <c>jit:avx512_core</c> and <c>jit:avx2</c> kernels for <c>backward_data</c> (the gradient of a
/// convolution's input) read channel padding they never write when the convolution's output channels
/// are not a multiple of the vector width (16 floats with AVX-512, 8 with AVX2) and the kernel is larger
/// than 1 x 1. The gradient then holds whatever that memory held before: numbers that differ from run
/// to run, and NaN when the memory held NaN. Chapter 6's network (a 16 to 8 channel 3 x 3 convolution
/// after the first layer) trained to NaN in one host and not in the other because of it. Measured on an
/// AMD EPYC with AVX-512: with libtorch's allocator set to fill new memory with junk, every shape with
/// out channels 1, 2, 3, 4, 8, 10, 12, 24 or 100 was wrong and 16, 32, 48, 64, 96 right; capped at AVX2,
/// 8 and 24 came right and the others stayed wrong; PyTorch 1.13 (oneDNN 2.6) is right everywhere.
/// </para>
/// <para>
/// So when Torchbook loads on an x64 machine it sets <c>ONEDNN_MAX_CPU_ISA=AVX</c> in the process
/// environment, which oneDNN reads once, at its first convolution. With that cap oneDNN computes the
/// input gradient with its GEMM-based kernel, which is right for every shape (the same junk test passes
/// everywhere), and runs forward passes with its AVX kernels. Training a convolutional network on the
/// CPU costs 10 to 30% more time (see the README's performance table); matrix products (linear layers,
/// LSTMs) do not go through oneDNN and are unchanged. A learner who sets <c>ONEDNN_MAX_CPU_ISA</c> or
/// <c>DNNL_MAX_CPU_ISA</c> keeps that setting, and <c>TORCHBOOK_ONEDNN_CAP=0</c> leaves oneDNN alone.
/// </para>
/// </summary>
public static class OneDnnCpuIsa
{
    /// <summary>The instruction set oneDNN is capped at: the newest whose kernels were all right.</summary>
    public const string Cap = "AVX";

    /// <summary>The variable oneDNN reads (it also reads the older <c>DNNL_MAX_CPU_ISA</c>).</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>Whether Torchbook set the cap (it was not set by the learner and the machine is x64).</summary>
    public static bool Capped { get; private set; }

    /// <summary>Why the cap is or is not in force, in one sentence.</summary>
    public static string Status { get; private set; } = "not applied yet";

    internal static void Apply()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Status = $"{RuntimeInformation.ProcessArchitecture}: oneDNN's x64 kernels are not used, nothing to cap";
            return;
        }
        if (Environment.GetEnvironmentVariable("TORCHBOOK_ONEDNN_CAP") == "0")
        {
            Status = "TORCHBOOK_ONEDNN_CAP=0: oneDNN uses every instruction set the CPU has";
            return;
        }
        foreach (var name in new[] { Variable, "DNNL_MAX_CPU_ISA" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                Status = $"{name}={value} is set: the learner's setting is kept";
                return;
            }
        }
        try
        {
            // .NET keeps its own copy of the environment on Linux and macOS; oneDNN reads the C
            // library's, so it is set there too. On Windows both are the process environment.
            Environment.SetEnvironmentVariable(Variable, Cap);
            if (!OperatingSystem.IsWindows() && setenv(Variable, Cap, 0) != 0)
            {
                Status = "setenv refused: oneDNN uses every instruction set the CPU has";
                return;
            }
            Capped = true;
            Status = $"{Variable}={Cap}: convolution input gradients use oneDNN's GEMM kernel";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Status = "no setenv in this C library: oneDNN uses every instruction set the CPU has";
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv(string name, string value, int overwrite);
}

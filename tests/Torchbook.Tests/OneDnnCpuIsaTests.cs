using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Tests;

/// <summary>
/// With Torchbook loaded, the input gradient of a convolution is right for the shapes whose
/// oneDNN AVX2/AVX-512 kernels read unwritten memory (out channels not a multiple of 8 or 16, kernel
/// larger than 1 x 1). libtorch's allocator is set to fill new memory with junk during the check, so
/// the bug, where present, shows every time instead of now and then: without the cap these same
/// checks gave NaN on this project's CI machine (AMD EPYC, AVX-512) for 4, 8, 10 and 24 out channels.
/// </summary>
[Collection("global state")]
public sealed class OneDnnCpuIsaTests
{
    [Fact]
    public void Loading_Torchbook_caps_oneDNN_on_x64_unless_the_learner_chose()
    {
        bool chosen = Environment.GetEnvironmentVariable("TORCHBOOK_ONEDNN_CAP") == "0"
                      || Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") is not null
                      || (Environment.GetEnvironmentVariable(OneDnnCpuIsa.Variable) is { } v && !OneDnnCpuIsa.Capped);
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || chosen)
        {
            Assert.False(OneDnnCpuIsa.Capped, OneDnnCpuIsa.Status);
            return;
        }
        Assert.True(OneDnnCpuIsa.Capped, OneDnnCpuIsa.Status);
        Assert.Equal(OneDnnCpuIsa.Cap, Environment.GetEnvironmentVariable(OneDnnCpuIsa.Variable));
    }

    [Theory]
    [InlineData(16, 8, 3)]   // chapter 6's second convolution
    [InlineData(3, 4, 3)]
    [InlineData(16, 10, 5)]
    [InlineData(32, 24, 3)]
    [InlineData(16, 16, 3)]
    public void A_convolution_input_gradient_equals_the_unfolded_reference(int inChannels, int outChannels, int kernel)
    {
        using var scope = NewDisposeScope();
        using var junk = JunkFill.On();
        var generator = new Generator(7);
        var x = randn(new long[] { 32, inChannels, 16, 16 }, generator: generator).requires_grad_(true);
        var w = randn(new long[] { outChannels, inChannels, kernel, kernel }, generator: generator);
        var g = randn(new long[] { 32, outChannels, 16, 16 }, generator: generator);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            x.grad?.zero_();
            nn.functional.conv2d(x, w, padding: new long[] { kernel / 2, kernel / 2 }).backward(new[] { g });
            // dL/dx = fold(Wᵀ g): the columns every output position sends back, summed where they overlap.
            var columns = einsum("ok,nol->nkl", w.view(outChannels, -1), g.view(32, outChannels, -1));
            var expected = nn.functional.fold(columns, 16, kernel, padding: kernel / 2);
            var error = (x.grad! - expected).abs().max().item<float>();
            Assert.True(error < 1e-3f, $"attempt {attempt}: input gradient off by {error} ({OneDnnCpuIsa.Status})");
        }
    }

    /// <summary>libtorch's own switch (a c10 flag) that fills every new CPU allocation with junk.</summary>
    private sealed class JunkFill : IDisposable
    {
        private readonly IntPtr flag;

        private JunkFill(IntPtr flag) { this.flag = flag; if (flag != IntPtr.Zero) Marshal.WriteByte(flag, 1); }

        public static JunkFill On()
        {
            _ = torch.ones(1); // libc10 is loaded by now; by name, the loader hands back that copy
            var name = OperatingSystem.IsWindows() ? "c10.dll" : OperatingSystem.IsMacOS() ? "libc10.dylib" : "libc10.so";
            return NativeLibrary.TryLoad(name, typeof(torch).Assembly, null, out var lib)
                   && NativeLibrary.TryGetExport(lib, "FLAGS_caffe2_cpu_allocator_do_junk_fill", out var flag)
                ? new JunkFill(flag)
                : new JunkFill(IntPtr.Zero);
        }

        public void Dispose() { if (flag != IntPtr.Zero) Marshal.WriteByte(flag, 0); }
    }
}

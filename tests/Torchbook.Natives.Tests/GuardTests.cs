using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Natives.Tests;

/// <summary>The guard library: every export it wraps is the one TorchSharp binds, and a libtorch error
/// in a wrapped export becomes a .NET exception with libtorch's message.</summary>
public class GuardTests
{
    [DllImport("libc", EntryPoint = "dladdr")]
    static extern int dladdr(IntPtr addr, out DlInfo info);

    [StructLayout(LayoutKind.Sequential)]
    struct DlInfo { public IntPtr dli_fname, dli_fbase, dli_sname, dli_saddr; }

    static string FileOf(IntPtr address)
    {
        Assert.NotEqual(0, dladdr(address, out var info));
        return Marshal.PtrToStringAnsi(info.dli_fname)!;
    }

    /// <summary>The GUARD lines of the table the build compiled, limited to exports the package has.</summary>
    static List<string> GuardedNames()
    {
        var exported = ElfFile.Read(NativePaths.Package).DynamicSymbols().Where(s => s.Defined).Select(s => s.Name).ToHashSet();
        return File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "unguarded_exports.inc"))
            .Where(l => l.StartsWith("GUARD(")).Select(l => l.Split(',')[1].Trim()).Where(exported.Contains).ToList();
    }

    static IntPtr Handle()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        return NativeLibrary.Load(NativePaths.Loaded);
    }

    [Fact]
    public void Every_guarded_export_resolves_to_the_guard_and_every_other_export_to_TorchSharp()
    {
        if (!NativePaths.GuardExpected()) return; // reported by the build as a warning: no C++ compiler
        var handle = Handle();
        var names = GuardedNames();
        Assert.True(names.Count > 100, $"only {names.Count} guarded exports");
        foreach (var name in names.Append("THSTorch_get_and_reset_last_err"))
            Assert.True(FileOf(NativeLibrary.GetExport(handle, name)) == NativePaths.Loaded, $"{name} does not resolve to the guard");
        foreach (var name in new[] { "THSTensor_add", "THSTensor_mm", "THSNN_functional_linear", "THSTensor_relu" })
            Assert.Equal(NativePaths.Original, FileOf(NativeLibrary.GetExport(handle, name)));
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate int CountFunction();

    [Fact]
    public void The_guard_counts_the_exports_it_wraps()
    {
        if (!NativePaths.GuardExpected()) return;
        var count = Marshal.GetDelegateForFunctionPointer<CountFunction>(NativeLibrary.GetExport(Handle(), "Torchbook_guard_count"))();
        Assert.Equal(GuardedNames().Count, count);
    }

    [Fact]
    public void Matmul_with_mismatched_matrices_raises_libtorchs_message()
    {
        if (!NativePaths.GuardExpected()) return; // without the guard this error ends the process
        using var a = ones(2, 3);
        using var b = ones(4, 5);
        var e = Assert.Throws<ExternalException>(() => a.matmul(b));
        Assert.StartsWith("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
    }

    [Fact]
    public void Matmul_with_mismatched_vectors_and_matrix_vector_raises_libtorchs_message()
    {
        if (!NativePaths.GuardExpected()) return; // without the guard this error ends the process
        using var u = ones(3);
        using var v = ones(4);
        var e = Assert.Throws<ExternalException>(() => u.matmul(v));
        Assert.StartsWith("inconsistent tensor size, expected tensor [3] and src [4]", e.Message);
        using var m = ones(2, 3);
        e = Assert.Throws<ExternalException>(() => m.matmul(v));
        Assert.Contains("size mismatch", e.Message);
    }

    [Fact]
    public void A_bad_rng_state_raises_libtorchs_message()
    {
        if (!NativePaths.GuardExpected()) return; // without the guard this error ends the process
        using var state = ones(3);
        var e = Assert.Throws<ExternalException>(() => torch.set_rng_state(state));
        Assert.StartsWith("RNG state must be a torch.ByteTensor", e.Message);
    }

    [Fact]
    public void After_a_caught_error_the_next_calls_work_and_report_nothing_stale()
    {
        if (!NativePaths.GuardExpected()) return; // without the guard this error ends the process
        using var a = ones(2, 3);
        Assert.Throws<ExternalException>(() => a.matmul(ones(4, 5)));
        using var p = a.matmul(ones(3, 2));
        Assert.Equal(new long[] { 2, 2 }, p.shape);
        Assert.Equal(3f, p[0, 0].item<float>());
        torch.CheckForErrors(); // nothing pending
        // A TorchSharp-guarded error still comes through with its own message.
        var e = Assert.Throws<ExternalException>(() => a + ones(4));
        Assert.StartsWith("The size of tensor a (3) must match the size of tensor b (4)", e.Message);
    }

    [Fact]
    public void Errors_on_another_thread_stay_on_that_thread()
    {
        if (!NativePaths.GuardExpected()) return; // without the guard this error ends the process
        var t = new Thread(() => Assert.Throws<ExternalException>(() => ones(2, 3).matmul(ones(4, 5))));
        t.Start();
        t.Join();
        torch.CheckForErrors();
        using var p = ones(2, 3).matmul(ones(3, 1));
        Assert.Equal(new long[] { 2, 1 }, p.shape);
    }

    [Fact]
    public void A_slice_with_step_zero_raises_libtorchs_message()
    {
        // THSTensor_index builds its indices before its own try: the guard catches what that throws.
        if (!NativePaths.GuardExpected()) return;
        using var x = arange(6);
        var e = Assert.Throws<ExternalException>(() => x[TensorIndex.Slice(0, 4, 0)]);
        Assert.StartsWith("slice step cannot be zero", e.Message);
        e = Assert.Throws<ExternalException>(() => { x[TensorIndex.Slice(0, 4, 0)] = zeros(2, dtype: int64); });
        Assert.StartsWith("slice step cannot be zero", e.Message);
    }

    [Fact]
    public void Autograd_grad_of_an_output_without_a_graph_raises_libtorchs_message()
    {
        if (!NativePaths.GuardExpected()) return;
        using var x = ones(3, requires_grad: true);
        using var y = ones(3).sum();
        var e = Assert.Throws<ExternalException>(() => torch.autograd.grad([y], [x]));
        Assert.StartsWith("element 0 of tensors does not require grad and does not have a grad_fn", e.Message);
    }
}

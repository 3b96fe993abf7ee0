using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// Entry points of lib/native/src/tb_tensor.cpp, tb_factories.cpp, tb_io.cpp and tb_autograd.cpp.
internal static unsafe partial class NativeMethods
{
    const string Lib = NativeLibraryLoader.LibraryName;

    [DllImport(Lib)] internal static extern void tb_tensor_dispose(IntPtr t);
    // Only frees what cannot call back into .NET or take long (see tb_tensor.cpp); 0: use tb_tensor_dispose.
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_dispose_quick(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern long tb_tensor_dim(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern long tb_tensor_numel(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_dtype(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_device_type(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_device_index(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_is_contiguous(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_requires_grad(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_tensor_is_leaf(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern long tb_tensor_element_size(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern void tb_tensor_shape(IntPtr t, long* output);
    [DllImport(Lib), SuppressGCTransition] internal static extern void tb_tensor_strides(IntPtr t, long* output);
    [DllImport(Lib), SuppressGCTransition] internal static extern long tb_tensor_owned_bytes(IntPtr t);
    [DllImport(Lib)] internal static extern long tb_tensor_data_ptr(IntPtr t);
    [DllImport(Lib)] internal static extern int tb_tensor_requires_grad_(IntPtr t, int value);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_from_data(void* data, long nbytes, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_from_blob(void* data, long* shape, int ndim, int dtype, delegate* unmanaged<IntPtr, void> release, IntPtr context);
    [DllImport(Lib)] internal static extern int tb_tensor_copy_to(IntPtr t, void* output, long nbytes);
    [DllImport(Lib)] internal static extern int tb_tensor_copy_from(IntPtr t, void* data, long nbytes);
    [DllImport(Lib)] internal static extern int tb_tensor_item(IntPtr t, out double d, out long l);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_to(IntPtr t, int dtype, int deviceType, int deviceIndex, int nonBlocking, int copy);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_alias(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_clone(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_contiguous(IntPtr t);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_detach(IntPtr t);
    [DllImport(Lib)] internal static extern int tb_tensor_detach_(IntPtr t);
    [DllImport(Lib)] internal static extern int tb_cuda_is_available();
    [DllImport(Lib)] internal static extern int tb_cuda_device_count();
    [DllImport(Lib)] internal static extern int tb_get_num_threads();
    [DllImport(Lib)] internal static extern int tb_set_num_threads(int n);
    [DllImport(Lib)] internal static extern int tb_get_num_interop_threads();
    [DllImport(Lib)] internal static extern IntPtr tb_libtorch_version();
    [DllImport(Lib)] internal static extern int tb_tensor_save(IntPtr t, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    [DllImport(Lib)] internal static extern IntPtr tb_tensor_load([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    // Factories (dtype -1 / deviceType -1 mean "not given").
    [DllImport(Lib)] internal static extern IntPtr tb_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_empty(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_full(long* shape, int ndim, Scalar value, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_eye(long n, long m, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_arange(Scalar start, Scalar end, Scalar step, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_logspace(double start, double end, long steps, double @base, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_zeros_like(IntPtr t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_ones_like(IntPtr t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_empty_like(IntPtr t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_full_like(IntPtr t, Scalar value, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_rand_like(IntPtr t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_randn_like(IntPtr t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_rand(long* shape, int ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_randn(long* shape, int ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_randint(long low, long high, long* shape, int ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_randperm(long n, IntPtr generator, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_normal(double mean, double std, long* shape, int ndim, IntPtr generator, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Lib)] internal static extern IntPtr tb_bernoulli(IntPtr probs, IntPtr generator);
    [DllImport(Lib)] internal static extern IntPtr tb_multinomial(IntPtr probs, long numSamples, int replacement, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_normal_(IntPtr t, double mean, double std, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_uniform_(IntPtr t, double from, double to, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_bernoulli_(IntPtr t, double p, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_random_(IntPtr t, long from, long to, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_random_full_(IntPtr t, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_exponential_(IntPtr t, double lambd, IntPtr generator);
    [DllImport(Lib)] internal static extern int tb_manual_seed(long seed);
    [DllImport(Lib)] internal static extern ulong tb_initial_seed();
    [DllImport(Lib)] internal static extern IntPtr tb_default_generator();
    [DllImport(Lib)] internal static extern IntPtr tb_generator_new(ulong seed);
    [DllImport(Lib)] internal static extern void tb_generator_dispose(IntPtr g);
    [DllImport(Lib)] internal static extern int tb_generator_manual_seed(IntPtr g, ulong seed);
    [DllImport(Lib)] internal static extern ulong tb_generator_initial_seed(IntPtr g);
    [DllImport(Lib)] internal static extern IntPtr tb_generator_get_state(IntPtr g);
    [DllImport(Lib)] internal static extern int tb_generator_set_state(IntPtr g, IntPtr state);

    // Autograd.
    [DllImport(Lib)] internal static extern int tb_backward(IntPtr t, IntPtr gradient, int retainGraph, int createGraph);
    [DllImport(Lib)] internal static extern int tb_grad(IntPtr t, out IntPtr grad);
    [DllImport(Lib)] internal static extern int tb_set_grad(IntPtr t, IntPtr grad);
    [DllImport(Lib)] internal static extern int tb_retain_grad(IntPtr t);
    [DllImport(Lib), SuppressGCTransition] internal static extern int tb_grad_enabled();
    [DllImport(Lib), SuppressGCTransition] internal static extern void tb_set_grad_enabled(int enabled);
    [DllImport(Lib)] internal static extern int tb_autograd_grad(IntPtr* outputs, int nOut, IntPtr* inputs, int nIn, IntPtr* gradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* result);
    [DllImport(Lib)] internal static extern IntPtr tb_grad_fn(IntPtr t);
    [DllImport(Lib)] internal static extern void tb_node_dispose(IntPtr n);
    [DllImport(Lib)] internal static extern IntPtr tb_node_name(IntPtr n);
    [DllImport(Lib)] internal static extern int tb_node_num_next(IntPtr n);
    [DllImport(Lib)] internal static extern IntPtr tb_node_next(IntPtr n, int i, out int inputNr);
    [DllImport(Lib)] internal static extern long tb_node_id(IntPtr n);
    [DllImport(Lib)] internal static extern IntPtr tb_node_variable(IntPtr n);
}

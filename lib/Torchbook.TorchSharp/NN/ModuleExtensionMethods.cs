namespace TorchSharp;

/// <summary>
/// Moving and converting modules. These are extension methods (as in TorchSharp) so that they
/// return the module's own type: <c>var model = new Net().to(device);</c> keeps a Net.
/// </summary>
public static class ModuleExtensionMethods
{
    /// <summary>Moves parameters and buffers to the device (the same Parameter objects: optimizers keep working).</summary>
    public static T to<T>(this T module, torch.Device device) where T : torch.nn.Module => (T)module.MoveTo(device);

    /// <summary>Moves parameters and buffers to a device given by name ("cpu", "cuda", "cuda:1").</summary>
    public static T to<T>(this T module, string device) where T : torch.nn.Module => module.to(new torch.Device(device));

    public static T to<T>(this T module, DeviceType device, int index = -1) where T : torch.nn.Module => module.to(new torch.Device(device, index));

    /// <summary>Converts floating-point parameters and buffers to the dtype (integer buffers keep theirs).</summary>
    public static T to<T>(this T module, ScalarType dtype) where T : torch.nn.Module => (T)module.ConvertTo(dtype);

    public static T to<T>(this T module, ScalarType dtype, torch.Device device) where T : torch.nn.Module => module.to(device).to(dtype);

    public static T cpu<T>(this T module) where T : torch.nn.Module => module.to(torch.CPU);

    public static T cuda<T>(this T module, int index = -1) where T : torch.nn.Module => module.to(new torch.Device(DeviceType.CUDA, index));

    public static T @float<T>(this T module) where T : torch.nn.Module => module.to(ScalarType.Float32);

    public static T @double<T>(this T module) where T : torch.nn.Module => module.to(ScalarType.Float64);

    public static T half<T>(this T module) where T : torch.nn.Module => module.to(ScalarType.Float16);
}

namespace TorchSharp;

/// <summary>Kinds of device. The values are libtorch's own (c10::DeviceType).</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
    MKLDNN = 2,
    OPENGL = 3,
    OPENCL = 4,
    IDEEP = 5,
    HIP = 6,
    FPGA = 7,
    MSNPU = 8,
    XLA = 9,
    META = 14,
    MPS = 13,
}

public static partial class torch
{
    /// <summary>Where a tensor's memory lives: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
    public sealed class Device : IEquatable<Device>
    {
        public DeviceType type { get; }

        /// <summary>The device number, or -1 for "the current one".</summary>
        public int index { get; }

        public Device(DeviceType type, int index = -1)
        {
            this.type = type;
            this.index = index;
        }

        /// <summary>Parses "cpu", "cuda", "cuda:0", as PyTorch does.</summary>
        public Device(string description)
        {
            var parts = description.Trim().ToLowerInvariant().Split(':');
            type = parts[0] switch
            {
                "cpu" => DeviceType.CPU,
                "cuda" => DeviceType.CUDA,
                "mps" => DeviceType.MPS,
                "meta" => DeviceType.META,
                _ => throw new ArgumentException($"'{description}' is not a device: expected 'cpu', 'cuda' or 'cuda:N'.", nameof(description)),
            };
            if (parts.Length > 2 || (parts.Length == 2 && !int.TryParse(parts[1], out _)))
                throw new ArgumentException($"'{description}' is not a device: expected 'cpu', 'cuda' or 'cuda:N'.", nameof(description));
            index = parts.Length == 2 ? int.Parse(parts[1]) : -1;
        }

        public static implicit operator Device(string description) => new(description);

        public bool Equals(Device? other) => other is not null && other.type == type && other.index == index;
        public override bool Equals(object? obj) => obj is Device d && Equals(d);
        public override int GetHashCode() => HashCode.Combine(type, index);

        public override string ToString()
        {
            var name = type switch { DeviceType.CPU => "cpu", DeviceType.CUDA => "cuda", DeviceType.MPS => "mps", DeviceType.META => "meta", _ => type.ToString().ToLowerInvariant() };
            return index >= 0 ? $"{name}:{index}" : name;
        }
    }

    public static readonly Device CPU = new(DeviceType.CPU);
    public static Device CUDA => new(DeviceType.CUDA, 0);

    /// <summary>Makes a device from a description ("cpu", "cuda:0").</summary>
    public static Device device(string description) => new(description);
    public static Device device(DeviceType type, int index = -1) => new(type, index);
}

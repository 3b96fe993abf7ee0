using static TorchSharp.torch;

namespace TorchSharp
{
    public static partial class torchvision
    {
        public static partial class transforms
        {
            /// <summary>
            /// Changes an image's element type and rescales its values to the new type's range, as
            /// torchvision does: integers run from 0 to the type's maximum (255 for uint8), floats
            /// from 0 to 1. uint8 → float32 divides by 255; float → uint8 multiplies by 255.999 and
            /// truncates; between integer types the values are shifted by whole bits.
            /// </summary>
            public static Transforms.ConvertImageDtype ConvertImageDtype(ScalarType dtype) => new(dtype);
        }
    }

    namespace Transforms
    {
        /// <summary>Element type change with value rescaling. See <see cref="torchvision.transforms.ConvertImageDtype"/>.</summary>
        public sealed class ConvertImageDtype : torchvision.ITransform, IBatchTransform
        {
            public ConvertImageDtype(ScalarType dtype)
            {
                if (!IsFloat(dtype) && MaxValue(dtype) is null)
                    throw new ArgumentException($"ConvertImageDtype: images are stored as floats or integers; {dtype} is neither. Use ScalarType.Float32 or ScalarType.Byte.", nameof(dtype));
                this.dtype = dtype;
            }

            public ScalarType dtype { get; }

            private static bool IsFloat(ScalarType t) => t is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

            /// <summary>The largest value of an integer type (what 1.0 of a float image becomes); null for others.</summary>
            private static long? MaxValue(ScalarType t) => t switch
            {
                ScalarType.Byte => byte.MaxValue,
                ScalarType.Int8 => sbyte.MaxValue,
                ScalarType.Int16 => short.MaxValue,
                ScalarType.Int32 => int.MaxValue,
                ScalarType.Int64 => long.MaxValue,
                _ => null,
            };

            public Tensor call(Tensor input)
            {
                ArgumentNullException.ThrowIfNull(input);
                var from = input.dtype;
                if (from == dtype) return input.alias();
                using var scope = NewDisposeScope();
                Tensor result;
                if (IsFloat(from))
                {
                    if (IsFloat(dtype)) result = input.to(dtype);
                    else
                    {
                        // float32 holds only 24 bits of mantissa, float64 53: larger integer ranges cannot be reached exactly.
                        if ((from == ScalarType.Float32 && dtype is ScalarType.Int32 or ScalarType.Int64) || (from == ScalarType.Float64 && dtype == ScalarType.Int64))
                            throw new ArgumentException($"ConvertImageDtype: {from} cannot be converted to {dtype} safely (the float type has too few bits of precision). Convert to a smaller integer type, such as ScalarType.Byte.");
                        // 1.0 maps to max and values just below 1 stay below it: scale by max + 1 - eps, then truncate.
                        const double eps = 1e-3;
                        double max = MaxValue(dtype)!.Value;
                        result = input.mul(max + 1.0 - eps).to(dtype);
                    }
                }
                else if (MaxValue(from) is long inputMax)
                {
                    if (IsFloat(dtype)) result = input.to(dtype).div_(inputMax);
                    else
                    {
                        long outputMax = MaxValue(dtype)!.Value;
                        // Whole-bit shifts: (max + 1) of each type is a power of two (computed in decimal to avoid overflow for int64).
                        if (inputMax > outputMax)
                        {
                            var factor = (long)(((decimal)inputMax + 1) / ((decimal)outputMax + 1));
                            result = input.div(tensor(factor), RoundingMode.floor).to(dtype);
                        }
                        else
                        {
                            var factor = (long)(((decimal)outputMax + 1) / ((decimal)inputMax + 1));
                            result = input.to(dtype).mul_(factor);
                        }
                    }
                }
                else
                {
                    throw new ArgumentException($"ConvertImageDtype: the image's element type {from} is not an image type; images are floats or integers.", nameof(input));
                }
                return result.MoveToOuterDisposeScope();
            }

            bool IBatchTransform.SupportsBatches => true;

            // Element by element.
            Tensor IBatchTransform.CallBatch(Tensor batch) => call(batch);

            public override string ToString() => $"ConvertImageDtype({dtype})";
        }
    }
}

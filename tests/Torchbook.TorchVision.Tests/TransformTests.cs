using TorchSharp;
using static TorchSharp.torch;
using Torchbook.Vision;

namespace Torchbook.TorchVision.Tests;

/// <summary>torchvision.transforms against PyTorch's values (tests/parity/make_transform_goldens.py).</summary>
public class TransformTests
{
    private const string G = "transforms.json";

    private static byte[,,] Hwc(Tensor t)
    {
        var v = t.data<byte>().ToArray();
        var (h, w, c) = ((int)t.shape[0], (int)t.shape[1], (int)t.shape[2]);
        var a = new byte[h, w, c];
        Buffer.BlockCopy(v, 0, a, 0, v.Length);
        return a;
    }

    [Fact]
    public void ToTensor_turns_an_HxWxC_byte_array_into_CxHxW_floats_in_0_1()
    {
        using var hwc = VisionGoldens.Tensor(G, "hwc_uint8");
        using var x = transforms.ToTensor().call(Hwc(hwc));
        VisionGoldens.AssertEqual(G, "hwc_to_tensor", x);
    }

    [Fact]
    public void ToTensor_adds_the_channel_of_a_grey_image()
    {
        using var hw = VisionGoldens.Tensor(G, "hw_uint8");
        var v = hw.data<byte>().ToArray();
        var a = new byte[6, 7];
        Buffer.BlockCopy(v, 0, a, 0, v.Length);
        using var fromArray = transforms.ToTensor().call(a);
        VisionGoldens.AssertEqual(G, "hw_to_tensor", fromArray);
        using var fromTensor = transforms.ToTensor().call(hw);
        VisionGoldens.AssertEqual(G, "hw_to_tensor", fromTensor);
        using var fromUntypedArray = transforms.ToTensor().call((Array)a);
        VisionGoldens.AssertEqual(G, "hw_to_tensor", fromUntypedArray);
    }

    [Fact]
    public void ToTensor_keeps_a_channels_first_tensor_channels_first()
    {
        using var chw = VisionGoldens.Tensor(G, "chw_uint8");
        using var x = transforms.ToTensor().call(chw);
        VisionGoldens.AssertEqual(G, "chw_to_tensor", x);
        Assert.Equal(ScalarType.Byte, chw.dtype); // the input is not changed
    }

    [Fact]
    public void ToTensor_refuses_what_is_not_an_8_bit_image_and_says_what_to_do()
    {
        var t = transforms.ToTensor();
        using var f = rand(3, 4, 4);
        var e = Assert.Throws<ArgumentException>(() => t.call(f));
        Assert.Contains("Float32", e.Message);
        Assert.Contains("leave ToTensor out", e.Message);
        using var i = zeros(new long[] { 2, 2 }, ScalarType.Int32);
        Assert.Contains("Int32", Assert.Throws<ArgumentException>(() => t.call(i)).Message);
        using var batch = zeros(new long[] { 8, 1, 28, 28 }, ScalarType.Byte);
        e = Assert.Throws<ArgumentException>(() => t.call(batch));
        Assert.Contains("4 dimension(s)", e.Message);
        Assert.Contains("batch", e.Message);
        using var line = zeros(new long[] { 5 }, ScalarType.Byte);
        Assert.Contains("1 dimension(s)", Assert.Throws<ArgumentException>(() => t.call(line)).Message);
        e = Assert.Throws<ArgumentException>(() => t.call(new float[2, 2]));
        Assert.Contains("Single[,]", e.Message);
    }

    [Fact]
    public void Normalize_matches_PyTorch_per_channel_for_one_or_every_channel()
    {
        using var rgb = VisionGoldens.Tensor(G, "hwc_to_tensor");
        using var imagenet = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]).call(rgb);
        VisionGoldens.AssertEqual(G, "normalize_imagenet", imagenet);
        using var single = transforms.Normalize([0.5], [0.5]).call(rgb);
        VisionGoldens.AssertEqual(G, "normalize_single", single);
        using var batch = VisionGoldens.Tensor(G, "batch_input");
        using var nb = transforms.Normalize([0.1, 0.2, 0.3], [0.9, 0.8, 0.7]).call(batch);
        VisionGoldens.AssertEqual(G, "normalize_batch", nb);
        using var b64 = batch.to(ScalarType.Float64);
        using var n64 = transforms.Normalize([0.1, 0.2, 0.3], [0.9, 0.8, 0.7]).call(b64);
        VisionGoldens.AssertEqual(G, "normalize_float64", n64);
        VisionGoldens.AssertEqual(G, "hwc_to_tensor", rgb); // not in place: the input is unchanged
    }

    [Fact]
    public void Normalize_inplace_changes_and_returns_the_input()
    {
        using var rgb = VisionGoldens.Tensor(G, "hwc_to_tensor");
        var result = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225], inplace: true).call(rgb);
        Assert.Same(rgb, result);
        VisionGoldens.AssertEqual(G, "normalize_imagenet", rgb);
    }

    [Fact]
    public void Normalize_names_the_channel_count_mismatch()
    {
        using var grey = rand(1, 28, 28);
        var e = Assert.Throws<ArgumentException>(() => transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]).call(grey));
        Assert.Contains("1 channel(s)", e.Message);
        Assert.Contains("3 means", e.Message);
        using var rgb = rand(3, 4, 4);
        e = Assert.Throws<ArgumentException>(() => transforms.Normalize([0.5, 0.5], [0.5]).call(rgb));
        Assert.Contains("3 channel(s)", e.Message);
        Assert.Contains("2 means", e.Message);
        Assert.Contains("3 means but 2 standard deviations", Assert.Throws<ArgumentException>(() => transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5])).Message);
        using var bytes = zeros(new long[] { 1, 2, 2 }, ScalarType.Byte);
        Assert.Contains("ToTensor()", Assert.Throws<ArgumentException>(() => transforms.Normalize([0.5], [0.5]).call(bytes)).Message);
        using var flat = rand(28, 28);
        Assert.Contains("unsqueeze(0)", Assert.Throws<ArgumentException>(() => transforms.Normalize([0.5], [0.5]).call(flat)).Message);
        Assert.Contains("divide by zero", Assert.Throws<ArgumentException>(() => transforms.Normalize([0.5], [0.0])).Message);
    }

    [Theory]
    [InlineData("convert_u8", ScalarType.Float32, "convert_u8_to_f32")]
    [InlineData("convert_u8", ScalarType.Float64, "convert_u8_to_f64")]
    [InlineData("convert_f32", ScalarType.Byte, "convert_f32_to_u8")]
    [InlineData("convert_f32", ScalarType.Int16, "convert_f32_to_i16")]
    [InlineData("convert_f32", ScalarType.Float64, "convert_f32_to_f64")]
    [InlineData("convert_u8", ScalarType.Int16, "convert_u8_to_i16")]
    [InlineData("convert_i16", ScalarType.Byte, "convert_i16_to_u8")]
    public void ConvertImageDtype_rescales_values_as_torchvision_does(string input, ScalarType dtype, string expected)
    {
        using var x = VisionGoldens.Tensor(G, input);
        using var y = torchvision.transforms.ConvertImageDtype(dtype).call(x);
        VisionGoldens.AssertEqual(G, expected, y);
    }

    [Fact]
    public void ConvertImageDtype_refuses_conversions_that_lose_the_range()
    {
        // TorchVision's own ConvertImageDtype (ours is deleted): float to int32 cannot be done safely, as in torchvision.
        using var x = rand(1, 2, 2);
        Assert.Contains("safely", Assert.ThrowsAny<Exception>(() => torchvision.transforms.ConvertImageDtype(ScalarType.Int32).call(x)).Message);
        using var same = torchvision.transforms.ConvertImageDtype(ScalarType.Float32).call(x);
        Assert.True(same.eq(x).all().item<bool>());
    }

    [Fact]
    public void Lambda_calls_the_function_and_makes_the_tutorials_one_hot_label()
    {
        // PyTorch's tutorial writes scatter_(0, y, value=1); TorchSharp's scatter_ takes the value as a tensor of the same dtype.
        var oneHot = torchvision.transforms.Lambda(y => zeros(10).scatter_(0, y, tensor(1f)));
        using var label = tensor(3L);
        using var v = oneHot.call(label);
        VisionGoldens.AssertEqual(G, "one_hot_3", v);
    }

    [Fact]
    public void Compose_runs_in_order()
    {
        var chain = torchvision.transforms.Compose(
            torchvision.transforms.Lambda(x => x.add(1)),
            torchvision.transforms.Lambda(x => x.mul(10)));
        using var input = ones(2);
        using (var scope = NewDisposeScope())
        {
            var y = chain.call(input);
            Assert.Equal(new[] { 20f, 20f }, y.data<float>().ToArray()); // (1 + 1) * 10, not 1 * 10 + 1
            // TorchVision's Compose leaves the intermediate results in the caller's dispose scope (ours
            // disposed them at once); the scope frees them when it ends.
            Assert.Equal(2, scope.DisposablesCount);
        }
        Assert.False(input.IsInvalid);
        // Our transforms go into TorchVision's Compose.
        var pipeline = torchvision.transforms.Compose(transforms.ToTensor(), transforms.Normalize([0.5], [0.25]));
        using var image = full(new long[] { 1, 2, 2 }, 255, ScalarType.Byte);
        using var normalized = pipeline.call(image);
        Assert.Equal(new[] { 2f, 2f, 2f, 2f }, normalized.data<float>().ToArray()); // (1 - 0.5) / 0.25
    }

    [Fact]
    public void TorchVisions_Normalize_refuses_one_image_so_ours_is_kept()
    {
        // torchvision.transforms.Normalize takes C x H x W; TorchVision 0.107's takes only N x C x H x W.
        using var image = rand(3, 4, 4);
        Assert.ThrowsAny<Exception>(() => torchvision.transforms.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]).call(image));
        using var ours = transforms.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]).call(image);
        using var expected = (image - 0.5) / 0.25;
        Assert.True(ours.allclose(expected));
    }
}

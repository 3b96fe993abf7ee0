using System.Text.Json;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.Tests.Printing;

/// <summary>
/// <c>repr()</c> of real TorchSharp tensors against PyTorch 1.13's text (tests/goldens/repr/cases.json and
/// tests/goldens/tensor/repr.json), with the options set through <c>printing.set_printoptions</c>.
/// The print options and the default dtype are process-wide: these tests run alone.
/// </summary>
[Collection("global state")]
public sealed class TensorReprTests : IDisposable
{
    public TensorReprTests() => printing.options = PrintOptions.Default;

    public void Dispose()
    {
        printing.options = PrintOptions.Default;
        set_default_dtype(ScalarType.Float32);
    }

    public static TheoryData<string> CasesWithoutGradFn => new(ReprGoldenCase.Names.Where(n => ReprGoldenCase.Get(n).Data.GradFn is null));

    public static TheoryData<string> CasesWithGradFn => new(ReprGoldenCase.Names.Where(n => ReprGoldenCase.Get(n).Data.GradFn is not null));

    private static void SetOptions(ReprGoldenCase golden)
    {
        var args = golden.SetPrintOptionsArgs;
        printing.set_printoptions(
            precision: args.TryGetValue("precision", out var p) ? p.GetInt32() : null,
            threshold: args.TryGetValue("threshold", out var t) ? ReprGoldenCase.Threshold(t) : null,
            edgeitems: args.TryGetValue("edgeitems", out var e) ? e.GetInt32() : null,
            linewidth: args.TryGetValue("linewidth", out var w) ? w.GetInt32() : null,
            profile: args.TryGetValue("profile", out var f) ? f.GetString() : null,
            sci_mode: args.TryGetValue("sci_mode", out var s) ? s.ValueKind == JsonValueKind.True : null);
    }

    [Theory]
    [MemberData(nameof(CasesWithoutGradFn))]
    public void A_tensor_prints_as_pytorch_prints_it(string name)
    {
        var golden = ReprGoldenCase.Get(name);
        set_default_dtype(golden.Data.DefaultDType);
        SetOptions(golden);
        Assert.Equal(golden.Options, printing.options);
        using var t = golden.ToTensor();
        Assert.Equal(golden.Expected, t.repr());
    }

    [Theory]
    [MemberData(nameof(CasesWithGradFn))]
    public void A_result_of_autograd_prints_requires_grad_where_pytorch_names_its_grad_fn(string name)
    {
        // TorchSharp difference (not libtorch's): TorchSharp 0.107 exposes no grad_fn, so a non-leaf
        // that requires grad prints "requires_grad=True", which is what PyTorch prints for a tensor
        // that requires grad and has no grad_fn; PyTorch prints "grad_fn=<MulBackward0>" there.
        // Everything before the suffixes is PyTorch's text.
        var golden = ReprGoldenCase.Get(name);
        set_default_dtype(golden.Data.DefaultDType);
        SetOptions(golden);
        using var leaf = golden.ToTensor();
        Assert.True(leaf.requires_grad);
        using var result = leaf * 1;
        Assert.False(result.is_leaf);
        var withoutGradFn = TensorFormatter.Repr(golden.Data with { GradFn = null, RequiresGrad = true }, golden.Options);
        Assert.Equal(withoutGradFn, result.repr());
        Assert.Contains("grad_fn=<" + golden.Data.GradFn + ">", golden.Expected);
        Assert.Equal(Body(golden.Expected), Body(result.repr()));
    }

    /// <summary>The text before the autograd suffix (and the comma, newline or space before it).</summary>
    private static string Body(string text) => Regex.Replace(text, @",\s*(grad_fn=<\w+>|requires_grad=True)\)$", ")");

    private static string R(string key) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "tensor", "repr.json"))).RootElement.GetProperty(key).GetString()!;

    /// <summary>PyTorch's text with grad_fn=&lt;...&gt; where TorchSharp, lacking grad_fn, prints requires_grad=True.</summary>
    private static string WithoutGradFn(string text) => Regex.Replace(text, @"grad_fn=<\w+>", "requires_grad=True");

    [Fact]
    public void The_chapter_tensors_print_as_pytorch_prints_them()
    {
        using var scope = NewDisposeScope();
        var leaf = tensor(new float[,] { { 0.1f, 0.2f } }, requires_grad: true);
        Assert.Equal(R("leaf_requires_grad"), leaf.repr());
        Assert.Equal(WithoutGradFn(R("add_grad_fn")), (leaf + 1).repr());
        Assert.Equal(WithoutGradFn(R("mm_grad_fn")), leaf.matmul(ones(2, 1)).repr());
        Assert.Equal(WithoutGradFn(R("sum_grad_fn")), (leaf * 2).sum().repr());
        manual_seed(0);
        Assert.Equal(R("randn_3x3"), randn(3, 3).repr());
        Assert.Equal(R("arange_2000"), arange(2000).repr());
        Assert.Equal(R("rand_40x40"), rand(40, 40).repr());
        Assert.Equal(R("int32"), tensor(new[] { 1, 2, 3 }).repr());
        Assert.Equal(R("float64"), tensor(new[] { 1.5, 2.25 }).repr());
        Assert.Equal(R("bool"), tensor(new[] { true, false }).repr());
        Assert.Equal(R("scalar"), tensor(3.0f).repr());
        Assert.Equal(R("empty"), zeros(0, 3).repr());
        Assert.Equal(R("big_small"), tensor(new[] { 1e-5f, 1f, 1e5f }).repr());
    }

    [Fact]
    public void Views_slices_and_transposes_print_their_own_elements()
    {
        using var scope = NewDisposeScope();
        var m = arange(12).reshape(3, 4);
        Assert.Equal("tensor([[ 0,  4,  8],\n        [ 1,  5,  9],\n        [ 2,  6, 10],\n        [ 3,  7, 11]])", m.t().repr());
        Assert.Equal("tensor([1, 5, 9])", m[.., 1].repr());
        Assert.Equal("tensor([[ 6,  7],\n        [10, 11]])", m[1.., 2..].repr());
    }

    [Fact]
    public void A_parameter_says_so()
    {
        manual_seed(0);
        using var linear = nn.Linear(3, 2);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "nn", "repr.json")))
            .RootElement.GetProperty("parameter_repr").GetString();
        Assert.Equal(expected, linear.bias!.repr());
    }

    [Fact]
    public void Complex_tensors_print_real_and_imaginary_parts()
    {
        // Not from a golden (the generator covers real dtypes only): PyTorch 1.13's layout for complex
        // elements, a formatter for each part, the imaginary part signed and followed by "j".
        using var scope = NewDisposeScope();
        Assert.Equal("tensor([1.+2.j, 3.-1.j])", complex(tensor(new[] { 1f, 3f }), tensor(new[] { 2f, -1f })).repr());
        Assert.Equal("tensor([-0.3756+0.1313j,  0.3216-0.2227j])",
            complex(tensor(new[] { -0.3756f, 0.3216f }), tensor(new[] { 0.1313f, -0.2227f })).repr());
        Assert.Equal("tensor(1.5000-0.2500j, dtype=torch.complex128)", complex(tensor(1.5), tensor(-0.25)).repr());
    }

    [Fact]
    public void A_disposed_tensor_says_so()
    {
        var t = ones(2);
        t.Dispose();
        Assert.Equal("tensor(<disposed>)", t.repr());
    }

    [Fact]
    public void Repr_uses_the_current_options()
    {
        using var t = tensor(new[] { 1.125f, 2.5f, 3.0f });
        Assert.Equal("tensor([1.1250, 2.5000, 3.0000])", t.repr());
        printing.set_printoptions(precision: 2);
        Assert.Equal("tensor([1.12, 2.50, 3.00])", t.repr());
        printing.set_printoptions(sci_mode: true);
        Assert.Equal("tensor([1.12e+00, 2.50e+00, 3.00e+00])", t.repr());
        printing.set_printoptions(profile: "default");
        Assert.Equal("tensor([1.1250, 2.5000, 3.0000])", t.repr());
    }

    [Fact]
    public void Arguments_left_out_keep_their_value_but_sci_mode_goes_back_to_automatic()
    {
        // As in PyTorch 1.13: set_printoptions(precision=2, sci_mode=True); set_printoptions(linewidth=40)
        // leaves precision 2, threshold 1000, edgeitems 3, linewidth 40, sci_mode None.
        printing.set_printoptions(precision: 2, sci_mode: true);
        printing.set_printoptions(linewidth: 40);
        Assert.Equal(new PrintOptions { Precision = 2, LineWidth = 40 }, printing.options);
    }

    [Fact]
    public void A_profile_resets_the_options_it_names()
    {
        // PyTorch: profile='short', precision=6, linewidth=50, then profile='full' -> 4, inf, 3, 80, None.
        printing.set_printoptions(profile: "short", precision: 6, linewidth: 50);
        Assert.Equal(PrintOptions.Short with { Precision = 6, LineWidth = 50 }, printing.options);
        printing.set_printoptions(profile: "full");
        Assert.Equal(PrintOptions.Full, printing.options);
        printing.set_printoptions(profile: "default");
        Assert.Equal(PrintOptions.Default, printing.options);
    }

    [Fact]
    public void Invalid_arguments_throw_and_leave_the_options_unchanged()
    {
        printing.set_printoptions(precision: 6);
        var before = printing.options;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => printing.set_printoptions(precision: 3, edgeitems: 0));
        Assert.Contains("edgeitems", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => printing.set_printoptions(profile: "long"));
        Assert.Same(before, printing.options);
        Assert.Throws<ArgumentNullException>(() => printing.options = null!);
    }

    [Fact]
    public void TorchSharps_own_printoptions_do_not_change_repr()
    {
        using var t = tensor(new[] { 1.125f });
        torch.set_printoptions(precision: 1);
        try
        {
            Assert.Equal("tensor([1.1250])", t.repr());
        }
        finally
        {
            torch.set_printoptions(precision: 4);
        }
    }
}

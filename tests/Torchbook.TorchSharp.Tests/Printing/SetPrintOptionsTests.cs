using System.Text.Json;
using TorchSharp;
using Xunit;

namespace Torchbook.TorchSharp.Tests.Printing;

/// <summary>Tests that change the process-wide PrintOptions.Current run one at a time, in this collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalPrintOptionsCollection
{
    public const string Name = "PrintOptions.Current";
}

/// <summary>torch.set_printoptions, with PyTorch's semantics, and Repr under the current options.</summary>
[Collection(GlobalPrintOptionsCollection.Name)]
public sealed class SetPrintOptionsTests : IDisposable
{
    public SetPrintOptionsTests() => PrintOptions.Current = PrintOptions.Default;

    public void Dispose() => PrintOptions.Current = PrintOptions.Default;

    public static TheoryData<string> CasesWithOptions =>
        new(ReprGoldenCase.Names.Where(n => ReprGoldenCase.Get(n).SetPrintOptionsArgs.Count > 0));

    [Theory]
    [MemberData(nameof(CasesWithOptions))]
    public void Set_printoptions_gives_pytorchs_options_and_text(string name)
    {
        var golden = ReprGoldenCase.Get(name);
        var args = golden.SetPrintOptionsArgs;
        torch.set_printoptions(
            precision: args.TryGetValue("precision", out var p) ? p.GetInt32() : null,
            threshold: args.TryGetValue("threshold", out var t) ? ReprGoldenCase.Threshold(t) : null,
            edgeitems: args.TryGetValue("edgeitems", out var e) ? e.GetInt32() : null,
            linewidth: args.TryGetValue("linewidth", out var w) ? w.GetInt32() : null,
            profile: args.TryGetValue("profile", out var f) ? Enum.Parse<PrintOptionsProfile>(f.GetString()!) : null,
            sci_mode: args.TryGetValue("sci_mode", out var s) ? s.ValueKind == JsonValueKind.True : null);

        Assert.Equal(golden.Options, PrintOptions.Current);
        Assert.Equal(golden.Expected, TensorFormatter.Repr(golden.Data));
    }

    [Fact]
    public void Arguments_left_out_keep_their_value_but_sci_mode_goes_back_to_automatic()
    {
        // As in PyTorch 1.13: set_printoptions(precision=2, sci_mode=True); set_printoptions(linewidth=40)
        // leaves precision 2, threshold 1000, edgeitems 3, linewidth 40, sci_mode None.
        torch.set_printoptions(precision: 2, sci_mode: true);
        torch.set_printoptions(linewidth: 40);
        Assert.Equal(new PrintOptions { Precision = 2, LineWidth = 40 }, PrintOptions.Current);
    }

    [Fact]
    public void A_profile_resets_the_options_it_names()
    {
        // PyTorch: profile='short', precision=6, linewidth=50, then profile='full' -> 4, inf, 3, 80, None.
        torch.set_printoptions(profile: PrintOptionsProfile.@short, precision: 6, linewidth: 50);
        Assert.Equal(PrintOptions.Short with { Precision = 6, LineWidth = 50 }, PrintOptions.Current);
        torch.set_printoptions(profile: PrintOptionsProfile.full);
        Assert.Equal(PrintOptions.Full, PrintOptions.Current);
        torch.set_printoptions(profile: PrintOptionsProfile.@default);
        Assert.Equal(PrintOptions.Default, PrintOptions.Current);
    }

    [Fact]
    public void Invalid_arguments_throw_and_leave_the_options_unchanged()
    {
        torch.set_printoptions(precision: 6);
        var before = PrintOptions.Current;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_printoptions(precision: 3, edgeitems: 0));
        Assert.Contains("edgeitems", error.Message);
        Assert.Same(before, PrintOptions.Current);
    }

    [Fact]
    public void Repr_without_options_uses_the_current_ones()
    {
        var data = new TensorPrintData([3], ScalarType.Float32, [1.125, 2.5, 3.0]);
        Assert.Equal("tensor([1.1250, 2.5000, 3.0000])", TensorFormatter.Repr(data));
        torch.set_printoptions(precision: 2);
        Assert.Equal("tensor([1.12, 2.50, 3.00])", TensorFormatter.Repr(data));
        torch.set_printoptions(sci_mode: true);
        Assert.Equal("tensor([1.12e+00, 2.50e+00, 3.00e+00])", TensorFormatter.Repr(data));
    }

    [Fact]
    public void Current_cannot_be_null()
    {
        var error = Assert.Throws<ArgumentNullException>(() => PrintOptions.Current = null!);
        Assert.Contains("PrintOptions.Default", error.Message);
    }
}

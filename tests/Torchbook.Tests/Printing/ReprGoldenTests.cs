using static TorchSharp.torch;

namespace Torchbook.Tests.Printing;

/// <summary>
/// The formatter against PyTorch 1.13's own repr(), one row per case of tests/goldens/repr/cases.json:
/// first from the golden's description (TensorPrintData, exactly as PyTorch saw the tensor, grad_fn
/// included), then from a real TorchSharp tensor made of the golden's elements.
/// </summary>
public class ReprGoldenTests
{
    public static TheoryData<string> CaseNames => new(ReprGoldenCase.Names);

    /// <summary>Cases whose tensor is made by an autograd op: TorchSharp 0.107 exposes no grad_fn.</summary>
    public static TheoryData<string> GradFnCaseNames => new(ReprGoldenCase.Names.Where(n => ReprGoldenCase.Get(n).Data.GradFn is not null));

    [Fact]
    public void Goldens_cover_at_least_sixty_cases()
    {
        Assert.True(ReprGoldenCase.Names.Count() >= 60, $"only {ReprGoldenCase.Names.Count()} cases in {ReprGoldenCase.GoldenPath}");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Repr_matches_pytorch(string name)
    {
        var golden = ReprGoldenCase.Get(name);
        Assert.Equal(golden.Expected, TensorFormatter.Repr(golden.Data, golden.Options));
    }

    [Fact]
    public void Str_equals_repr_in_every_golden()
    {
        // PyTorch's Tensor has no __str__ of its own, so str(t) is repr(t); the generator records
        // both, and one repr() serves for both in C#.
        Assert.Empty(ReprGoldenCase.Names.Where(n => !ReprGoldenCase.Get(n).StrEqualsRepr));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Repr_from_only_the_printed_elements_matches_pytorch(string name)
    {
        var golden = ReprGoldenCase.Get(name);
        long[] printed = TensorFormatter.PrintedElementIndices(golden.Data.Shape, golden.Options);
        var data = golden.Data;
        var gathered = data.DType switch
        {
            ScalarType.Bool => new TensorPrintData(data.Shape, printed.Select(i => data.BoolValues![i]).ToArray()),
            _ when data.FloatValues is { } f => new TensorPrintData(data.Shape, data.DType, printed.Select(i => f[i]).ToArray()),
            _ => new TensorPrintData(data.Shape, data.DType, printed.Select(i => data.IntegerValues![i]).ToArray()),
        };
        gathered = gathered with
        {
            Device = data.Device,
            RequiresGrad = data.RequiresGrad,
            GradFn = data.GradFn,
            IsParameter = data.IsParameter,
            DefaultDType = data.DefaultDType,
        };
        Assert.Equal(golden.Expected, TensorFormatter.Repr(gathered, golden.Options));
    }
}

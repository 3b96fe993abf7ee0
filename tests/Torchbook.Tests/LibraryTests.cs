using Torchbook;
using Xunit;

namespace Torchbook.Tests;

public sealed class LibraryTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData(" off ", false)]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    public void Quick_mode_reads_the_usual_spellings_of_on_and_off(string? value, bool expected) =>
        Assert.Equal(expected, QuickMode.Parse(value));

    [Fact]
    public void A_value_that_is_neither_on_nor_off_is_refused_with_what_to_set()
    {
        var e = Assert.Throws<InvalidOperationException>(() => QuickMode.Parse("quick"));
        Assert.Equal("TORCHBOOK_QUICK is 'quick': set it to 1 for quick mode or 0 (or leave it unset) for the full run.", e.Message);
    }

    [Fact]
    public void Load_reports_the_versions_the_notebook_runs_on()
    {
        var info = Library.Load();
        Assert.Equal("0.107.0", info.TorchSharp);
        Assert.StartsWith("2.10", info.LibTorch);
        Assert.Equal(TorchSharp.torch.cuda.is_available(), info.CudaAvailable);
        Assert.Matches(@"^Torchbook \d+\.\d+\.\d+ · TorchSharp 0\.107\.0 \(libtorch 2\.10[\d.]*\) · device: (cpu|cuda)( · quick mode)?$", info.ToString());
    }
}

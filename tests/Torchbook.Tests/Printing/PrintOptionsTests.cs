namespace Torchbook.Tests.Printing;

public class PrintOptionsTests
{
    [Fact]
    public void Defaults_are_pytorchs()
    {
        var o = new PrintOptions();
        Assert.Equal((4, 1000.0, 3, 80, (bool?)null), (o.Precision, o.Threshold, o.EdgeItems, o.LineWidth, o.SciMode));
        Assert.Equal(o, PrintOptions.Default);
    }

    [Fact]
    public void Profiles_are_pytorchs()
    {
        Assert.Equal(PrintOptions.Default, PrintOptions.ForProfile("default"));
        var s = PrintOptions.ForProfile("short");
        Assert.Equal((2, 1000.0, 2, 80), (s.Precision, s.Threshold, s.EdgeItems, s.LineWidth));
        var f = PrintOptions.ForProfile("full");
        Assert.Equal((4, double.PositiveInfinity, 3, 80), (f.Precision, f.Threshold, f.EdgeItems, f.LineWidth));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrintOptions.ForProfile("Full"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(PrintOptions.MaxPrecision + 1)]
    public void Precision_out_of_range_is_refused(int precision)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PrintOptions { Precision = precision });
        Assert.Equal("Precision", error.ParamName);
        Assert.Contains("precision must be between 0", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void Threshold_must_be_a_non_negative_number(double threshold)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PrintOptions.Default with { Threshold = threshold });
        Assert.Contains("threshold must be a number >= 0", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Edgeitems_and_linewidth_must_be_positive(int value)
    {
        Assert.Contains("edgeitems must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => PrintOptions.Default with { EdgeItems = value }).Message);
        Assert.Contains("linewidth must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => PrintOptions.Default with { LineWidth = value }).Message);
    }

    [Fact]
    public void Valid_edge_values_are_accepted()
    {
        var o = new PrintOptions { Precision = 0, Threshold = 0, EdgeItems = 1, LineWidth = 1, SciMode = false };
        Assert.Equal((0, 0.0, 1, 1, (bool?)false), (o.Precision, o.Threshold, o.EdgeItems, o.LineWidth, o.SciMode));
        Assert.Equal(double.PositiveInfinity, (o with { Threshold = double.PositiveInfinity }).Threshold);
    }
}

using Torchbook.Plots.Rendering;
using Xunit;

namespace Torchbook.Plots.Tests;

public class TicksTests
{
    [Theory]
    [InlineData(0.13, 0.2)]
    [InlineData(1, 1)]
    [InlineData(1.01, 2)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(0.0004, 0.0005)]
    [InlineData(2500, 5000)]
    public void Steps_are_1_2_5_times_a_power_of_ten(double rough, double nice) =>
        Assert.Equal(nice, Ticks.NiceStep(rough), 12);

    [Fact]
    public void Linear_ticks_have_even_decimals_and_no_float_noise()
    {
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], Ticks.Linear(0, 1, 5).Select(t => t.Label));
        Assert.Equal(["-1.0", "-0.5", "0.0", "0.5", "1.0"], Ticks.Linear(-1.1, 1.1, 5).Select(t => t.Label));
        Assert.Equal(["0.30", "0.35", "0.40"], Ticks.Linear(0.29, 0.41, 3).Select(t => t.Label));
    }

    [Fact]
    public void Very_large_and_small_values_use_exponents()
    {
        Assert.Equal(["0", "0.5M", "1.0M", "1.5M", "2.0M"], Ticks.Linear(0, 2e6, 4).Select(t => t.Label));
        Assert.Equal(["2M", "4M", "6M", "8M", "10M", "12M"], Ticks.Linear(1.5e6, 1.25e7, 6).Select(t => t.Label));
        Assert.Equal(["200k", "400k"], Ticks.Linear(1.5e5, 4.5e5, 2).Select(t => t.Label));
        Assert.Equal(["2e-5", "4e-5", "6e-5"], Ticks.Linear(1.5e-5, 6.5e-5, 3).Select(t => t.Label));
    }

    [Fact]
    public void Short_axes_get_at_least_two_ticks() =>
        Assert.True(Ticks.Linear(0.9, 5.1, 2).Count >= 2);

    [Fact]
    public void Log_ticks_inside_one_decade_still_get_labels()
    {
        Assert.Equal(["0.3", "0.4", "0.5", "0.6"], Ticks.Log(0.28, 0.62, 5).Select(t => t.Label));
        Assert.True(Ticks.Log(0.31, 0.33, 5).Count(t => t.Label != "") >= 2);
    }

    [Fact]
    public void Powers_of_ten_use_superscripts()
    {
        Assert.Equal("10⁻¹²", NumberFormat.PowerOfTen(-12));
        Assert.Equal("10³", NumberFormat.PowerOfTen(3));
        Assert.Equal("10⁰", NumberFormat.PowerOfTen(0));
    }

    [Fact]
    public void Many_decades_label_every_other_one()
    {
        var labelled = Ticks.Log(1e-10, 1e10, 5).Where(t => t.Label != "").ToList();
        Assert.InRange(labelled.Count, 3, 7);
    }
}

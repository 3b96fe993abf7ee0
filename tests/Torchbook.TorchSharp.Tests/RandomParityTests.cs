using TorchSharp;
using static TorchSharp.torch;

namespace Torchbook.TorchSharp.Tests;

[Collection("libtorch global state")]
public class RandomParityTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(2023)]
    public void Same_seed_gives_pytorchs_numbers(int seed)
    {
        manual_seed(seed);
        var p = $"seed{seed}/";
        Goldens.AssertMatches("random.json", p + "rand_5", rand(5));
        Goldens.AssertMatches("random.json", p + "randn_2x3", randn(2, 3));
        Goldens.AssertMatches("random.json", p + "randint_0_10_x6", randint(0, 10, [6]));
        Goldens.AssertMatches("random.json", p + "normal_2_3_x4", normal(2.0, 3.0, [4]));
        Goldens.AssertMatches("random.json", p + "randperm_8", randperm(8));
        Goldens.AssertMatches("random.json", p + "rand_f64_3", rand(3, dtype: float64));
        Goldens.AssertMatches("random.json", p + "randn_1000_sum", randn(1000).sum().reshape(1), rtol: 1e-6);
    }

    [Fact]
    public void Generators_are_independent_of_the_default_one()
    {
        manual_seed(123);
        using var g = new Generator(7);
        Goldens.AssertMatches("random.json", "generator7/rand_3", rand(3, generator: g));
        Goldens.AssertMatches("random.json", "generator7/randn_3", randn(3, generator: g));
        Assert.Equal(7UL, g.initial_seed());
    }

    [Fact]
    public void In_place_sampling_and_distributions_match()
    {
        manual_seed(5);
        var x = empty(4);
        x.normal_(0, 2);
        Goldens.AssertMatches("random.json", "seed5/normal__4", x);
        x.uniform_(-1, 1);
        Goldens.AssertMatches("random.json", "seed5/uniform__4", x);
        Goldens.AssertMatches("random.json", "seed5/bernoulli_half_8", bernoulli(full(8, 0.5)));
        Goldens.AssertMatches("random.json", "seed5/multinomial", multinomial(tensor(new[] { 0.1f, 0.2f, 0.7f }), 5, replacement: true));
    }

    [Fact]
    public void Generator_state_round_trips()
    {
        using var g = new Generator(99);
        using var state = g.get_state();
        var first = rand(4, generator: g).ToArray<float>();
        g.set_state(state);
        Assert.Equal(first, rand(4, generator: g).ToArray<float>());
    }

    [Fact]
    public void Different_seeds_differ()
    {
        manual_seed(1);
        var a = rand(8).ToArray<float>();
        manual_seed(2);
        Assert.NotEqual(a, rand(8).ToArray<float>());
    }
}

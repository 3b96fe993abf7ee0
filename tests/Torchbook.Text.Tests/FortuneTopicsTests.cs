using Torchbook.Tests.Shared;

namespace Torchbook.Text.Tests;

/// <summary>
/// FortuneTopics on the files data-scripts/fortunes.sh fetches (Debian's fortunes 1:1.99.1-7.3). Expected counts from
/// /usr/bin/python3 splitting the same files on "%" lines: computers 1,051 fortunes, linux 336, perl 273, love 150,
/// men-women 582, people 1,251; once each, 1,657 about computers and 1,982 about people, 3,639 in all.
/// </summary>
public sealed class FortuneTopicsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-fortunes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Fetched()
    {
        var (code, output) = DataScript.Run("fortunes.sh", _folder);
        Assert.True(code == 0, output);
        return Path.Combine(_folder, "fortunes");
    }

    [Fact]
    public void The_six_files_give_each_fortune_once_with_its_topic()
    {
        var items = FortuneTopics.Read(Fetched());
        Assert.Equal(3_639, items.Count);
        Assert.Equal(1_657, items.Count(i => i.label == 0));
        Assert.Equal(1_982, items.Count(i => i.label == 1));
        Assert.Equal(items.Count, items.Select(i => i.text).Distinct().Count());
        Assert.DoesNotContain(items, i => i.text.Contains('\b') || i.text.Contains("\n%\n") || i.text.Length == 0);
        Assert.Contains(items, i => i.text == "Calm down, it's *only* ones and zeroes.");   // "*___\b\b\bonly*" underlined it
        var love = items.First(i => i.text.StartsWith("A career is great", StringComparison.Ordinal));
        Assert.Equal(1, love.label);
        Assert.Equal("A career is great, but you can't run your fingers through its hair.", love.text);
    }

    [Fact]
    public void The_split_is_repeatable_disjoint_and_complete()
    {
        var items = FortuneTopics.Read(Fetched());
        var (train, val, test) = FortuneTopics.Split(items);
        Assert.Equal((2_911, 364, 364), (train.Count, val.Count, test.Count));
        Assert.Equal(items.Select(i => i.text).Order(), train.Concat(val).Concat(test).Select(i => i.text).Order());
        Assert.Equal(val, FortuneTopics.Split(items).val);
        Assert.NotEqual(val, FortuneTopics.Split(items, seed: 1).val);
        Assert.Throws<ArgumentException>(() => FortuneTopics.Split(items, 0.6, 0.5));
    }

    [Fact]
    public void A_missing_file_names_the_script()
    {
        var e = Assert.Throws<FileNotFoundException>(() => FortuneTopics.Read(_folder));
        Assert.Contains("data-scripts/fortunes.sh", e.Message);
        var fake = Path.Combine(_folder, "f.deb");
        File.WriteAllText(fake, "not a package");
        var (code, output) = DataScript.Run("fortunes.sh", Path.Combine(_folder, "d"), new Dictionary<string, string> { ["FORTUNES_URL"] = "file://" + fake }, "--download");
        Assert.NotEqual(0, code);
        Assert.Contains("failed the SHA-256 check", output);
        Assert.False(File.Exists(Path.Combine(_folder, "d", "fortunes", "SHA256SUMS")));
    }
}

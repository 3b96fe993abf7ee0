namespace Torchbook.Text.Tests;

/// <summary>build_vocab_from_iterator and Vocab against torchtext 0.14: order, specials, min_freq, max_tokens, lookups.</summary>
public class VocabTests
{
    private static IEnumerable<List<string>> Corpus() =>
        TextGoldens.Strings(TextGoldens.Root["corpus"]).Select(torchtext.data.utils.get_tokenizer("basic_english"));

    private static Vocab Build(string name) => name switch
    {
        "plain" => torchtext.vocab.build_vocab_from_iterator(Corpus()),
        "specials" => torchtext.vocab.build_vocab_from_iterator(Corpus(), specials: ["<unk>", "<pad>"]),
        "specials_last" => torchtext.vocab.build_vocab_from_iterator(Corpus(), specials: ["<unk>", "<pad>"], special_first: false),
        "min_freq_2" => torchtext.vocab.build_vocab_from_iterator(Corpus(), min_freq: 2, specials: ["<unk>", "<pad>"]),
        "max_tokens_8" => torchtext.vocab.build_vocab_from_iterator(Corpus(), specials: ["<unk>", "<pad>"], max_tokens: 8),
        "max_tokens_6_min_freq_3" => torchtext.vocab.build_vocab_from_iterator(Corpus(), min_freq: 3, specials: ["<pad>"], max_tokens: 6),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("plain")]
    [InlineData("specials")]
    [InlineData("specials_last")]
    [InlineData("min_freq_2")]
    [InlineData("max_tokens_8")]
    [InlineData("max_tokens_6_min_freq_3")]
    public void Tokens_come_in_torchtexts_order(string name)
    {
        var vocab = Build(name);
        var expected = TextGoldens.Strings(TextGoldens.Root["vocabs"]![name]!["itos"]);
        Assert.Equal(expected, vocab.get_itos());
        Assert.Equal(expected.Count, vocab.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(i, vocab[expected[i]]);
    }

    [Fact]
    public void Numericalization_goes_there_and_back_and_unknown_tokens_need_a_default_index()
    {
        var vocab = Build("specials");
        var tokens = torchtext.data.utils.get_tokenizer("basic_english")("The cat saw a zebra");
        var ids = vocab.call(tokens);
        Assert.Equal([2, 3, 10, 5, 11], ids);
        Assert.Equal(tokens, vocab.lookup_tokens(ids));
        var e = Assert.Throws<KeyNotFoundException>(() => vocab["unicorn"]);
        Assert.Contains("set_default_index", e.Message);
        vocab.set_default_index(vocab["<unk>"]);
        Assert.Equal([2, 0], vocab.lookup_indices(["the", "unicorn"]));
        Assert.Equal(0, vocab.get_default_index());
        Assert.True(vocab.Contains("cat"));
        Assert.False(vocab.Contains("unicorn"));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocab.lookup_token(vocab.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocab.set_default_index(-1));
        Assert.StartsWith("Vocab(20 tokens: <unk>, <pad>, the, cat", vocab.ToString());
    }

    [Fact]
    public void Settings_that_cannot_make_a_vocabulary_are_refused()
    {
        Assert.Contains("leaves no room", Assert.Throws<ArgumentException>(() => torchtext.vocab.build_vocab_from_iterator(Corpus(), specials: ["<unk>", "<pad>"], max_tokens: 2)).Message);
        Assert.Contains("min_freq must be 1 or more", Assert.Throws<ArgumentException>(() => torchtext.vocab.build_vocab_from_iterator(Corpus(), min_freq: 0)).Message);
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => torchtext.vocab.build_vocab_from_iterator(Corpus(), specials: ["<pad>", "<pad>"])).Message);
    }

    [Fact]
    public void Max_tokens_caps_a_large_vocabulary_at_the_notes_20000()
    {
        // 30,000 distinct tokens, token k seen (k % 7) + 1 times: max_tokens keeps 20,000 in all, specials included.
        var lines = Enumerable.Range(0, 30_000).Select(k => Enumerable.Repeat($"w{k}", k % 7 + 1));
        var vocab = torchtext.vocab.build_vocab_from_iterator(lines, specials: ["<unk>", "<pad>"], max_tokens: 20_000);
        Assert.Equal(20_000, vocab.Count);
        Assert.Equal(["<unk>", "<pad>", "w1000", "w10002"], vocab.get_itos().Take(4));   // seen 7 times (k % 7 == 6), then by text
    }
}

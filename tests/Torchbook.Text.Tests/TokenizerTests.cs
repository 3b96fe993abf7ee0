namespace Torchbook.Text.Tests;

/// <summary>get_tokenizer against torchtext 0.14 on lines with punctuation, quotes, &lt;br /&gt;, tabs, accents and nothing.</summary>
public class TokenizerTests
{
    public static TheoryData<int> Lines() => new(Enumerable.Range(0, TextGoldens.Root["lines"]!.AsArray().Count));

    [Theory]
    [MemberData(nameof(Lines))]
    public void Basic_english_splits_as_torchtext_does(int line)
    {
        var text = TextGoldens.Root["lines"]![line]!.GetValue<string>();
        Assert.Equal(TextGoldens.Strings(TextGoldens.Root["basic_english"]![line]), torchtext.data.utils.get_tokenizer("basic_english")(text));
        Assert.Equal(TextGoldens.Strings(TextGoldens.Root["split"]![line]), torchtext.data.utils.get_tokenizer(null)(text));
    }

    [Fact]
    public void Tokenizers_torchtext_borrows_from_Python_libraries_are_refused_with_what_to_use()
    {
        var e = Assert.Throws<ArgumentException>(() => torchtext.data.utils.get_tokenizer("spacy"));
        Assert.Contains("'spacy' is not available here", e.Message);
        Assert.Contains("Microsoft.ML.Tokenizers", e.Message);
        Assert.Contains("for English", Assert.Throws<ArgumentException>(() => torchtext.data.utils.get_tokenizer("basic_english", "de")).Message);
    }
}

namespace Torchbook.Text.Tests;

/// <summary>EDA's four operations: what each may change, what each keeps, and its limits.</summary>
public sealed class EDATests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-eda-").FullName;
    private readonly WordNet _wordnet;
    private static readonly string[] Sentence = ["the", "happy", "dog", "drove", "a", "car", "home"];

    public EDATests() => _wordnet = WordNet.Open(WordNetFiles.Tiny(_folder));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Synonym_replacement_swaps_words_for_their_synonyms_and_nothing_else()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var result = EDA.synonym_replacement(Sentence, 2, _wordnet, new Random(seed));
            Assert.Equal(Sentence.Length, result.Count);
            var changed = Enumerable.Range(0, Sentence.Length).Where(i => result[i] != Sentence[i]).ToList();
            Assert.Equal(2, changed.Count);   // only "happy" and "car" have synonyms here, and n = 2
            foreach (var i in changed) Assert.Contains(result[i], _wordnet.synonyms(Sentence[i]));
        }
        Assert.Equal(Sentence, EDA.synonym_replacement(Sentence, 0, _wordnet, new Random(1)));
        Assert.Equal(["the", "a"], EDA.synonym_replacement(["the", "a"], 3, _wordnet, new Random(1)));   // stop words stay
    }

    [Fact]
    public void Random_insertion_adds_n_synonyms_of_the_sentences_words()
    {
        var allowed = _wordnet.synonyms("happy").Concat(_wordnet.synonyms("car")).ToHashSet();
        for (int seed = 0; seed < 20; seed++)
        {
            var result = EDA.random_insertion(Sentence, 3, _wordnet, new Random(seed));
            Assert.Equal(Sentence.Length + 3, result.Count);
            var extra = result.ToList();
            foreach (var w in Sentence) extra.Remove(w);
            Assert.Equal(3, extra.Count);
            Assert.All(extra, w => Assert.Contains(w, allowed));
        }
        Assert.Equal(["the", "dog"], EDA.random_insertion(["the", "dog"], 2, _wordnet, new Random(0)));   // nothing to insert
    }

    [Fact]
    public void Random_swap_keeps_the_words_and_moves_them()
    {
        var result = EDA.random_swap(Sentence, 1, new Random(3));
        Assert.Equal(Sentence.Order(), result.Order());
        Assert.Equal(2, Enumerable.Range(0, Sentence.Length).Count(i => result[i] != Sentence[i]));   // one swap: two places differ
        Assert.Equal(["one"], EDA.random_swap(["one"], 5, new Random(0)));
    }

    [Fact]
    public void Random_deletion_keeps_order_and_never_empties_the_sentence()
    {
        Assert.Equal(Sentence, EDA.random_deletion(Sentence, 0, new Random(0)));
        var one = EDA.random_deletion(Sentence, 1, new Random(0));
        Assert.Single(one);
        Assert.Contains(one[0], Sentence);
        var some = EDA.random_deletion(Sentence, 0.5, new Random(4));
        Assert.True(some.Count < Sentence.Length);
        Assert.Equal(Sentence.Where(some.Contains), some);   // a subsequence, in order
        Assert.Throws<ArgumentOutOfRangeException>(() => EDA.random_deletion(Sentence, 1.5, new Random(0)));
    }

    [Fact]
    public void Eda_makes_num_aug_sentences_one_operation_each_repeatably()
    {
        var a = EDA.eda(Sentence, _wordnet, new Random(7), num_aug: 8);
        var b = EDA.eda(Sentence, _wordnet, new Random(7), num_aug: 8);
        Assert.Equal(8, a.Count);
        Assert.Equal(a, b);
        Assert.Contains(a, s => s.Count == Sentence.Length + 1);   // an insertion
        Assert.Contains(a, s => s.Count < Sentence.Length);        // a deletion (p 0.1 of 7 words may delete none; seed 7 deletes)
        Assert.Throws<ArgumentOutOfRangeException>(() => EDA.eda(Sentence, _wordnet, new Random(0), num_aug: -1));
    }
}

namespace Torchbook.Text.Tests;

/// <summary>WordNet: synonyms read from the database files, in WordNet's order; damaged or missing files are named.</summary>
public sealed class WordNetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-wordnet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Synonyms_are_the_other_words_of_each_synset_in_order_markers_and_underscores_removed()
    {
        var wordnet = WordNet.Open(WordNetFiles.Tiny(_folder));
        Assert.Equal(8, wordnet.Count);
        Assert.Equal(["glad", "felicitous"], wordnet.synonyms("happy"));
        Assert.Equal(["happy", "felicitous", "beaming"], wordnet.synonyms("Glad"));   // both senses, the first first; no repeats
        Assert.Equal(["auto", "automobile", "motor car"], wordnet.synonyms("car"));
        Assert.Equal(["car", "auto", "automobile"], wordnet.synonyms("motor car"));
        Assert.Empty(wordnet.synonyms("unicorn"));
    }

    [Fact]
    public void The_real_database_knows_common_synonyms()
    {
        var wordnet = WordNetFiles.Database;
        Assert.True(wordnet.Count > 140_000, wordnet.ToString());   // WordNet 3.0 has 147,306 distinct lemmas over its four parts
        var happy = wordnet.synonyms("happy");
        Assert.Contains("felicitous", happy);
        Assert.Contains("glad", happy);
        Assert.Contains("automobile", wordnet.synonyms("car"));
        Assert.Contains("film", wordnet.synonyms("movie"));
        Assert.DoesNotContain("movie", wordnet.synonyms("movie"));
    }

    [Fact]
    public void Missing_and_damaged_files_are_named_with_what_to_do()
    {
        var e = Assert.Throws<FileNotFoundException>(() => WordNet.Open(_folder));
        Assert.Contains("data-scripts/wordnet.sh", e.Message);
        WordNetFiles.Tiny(_folder);
        File.AppendAllText(Path.Combine(_folder, "index.noun"), "broken n x\n");
        Assert.Contains("is not an index line", Assert.Throws<InvalidDataException>(() => WordNet.Open(_folder)).Message);

        WordNetFiles.Tiny(_folder);
        File.WriteAllText(Path.Combine(_folder, "data.noun"), "  1 a shorter file of other synsets than the index points to\n" + new string('x', 300) + "\n");
        var shifted = WordNet.Open(_folder);
        Assert.Contains("do not belong together", Assert.Throws<InvalidDataException>(() => shifted.synonyms("car")).Message);
    }
}

using System.Text;
using Torchbook.Tests.Shared;

namespace Torchbook.Text.Tests;

/// <summary>
/// Sentiment140's CSV rows, on a file written here in its format (the real one cannot be downloaded on our machines),
/// and data-scripts/sentiment140.sh refusing an archive that is not the dataset's, leaving nothing behind.
/// </summary>
public sealed class Sentiment140Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("torchbook-sentiment140-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Csv(params string[] rows)
    {
        var path = Path.Combine(_folder, Sentiment140.TestFile);
        File.WriteAllText(path, string.Join("\n", rows) + "\n", Encoding.Latin1);
        return path;
    }

    [Fact]
    public void Rows_become_text_and_label_and_neutral_tweets_are_left_out()
    {
        var path = Csv(
            "\"4\",\"3\",\"Mon May 11 03:17:40 UTC 2009\",\"kindle2\",\"tpryan\",\"@stellargirl I loooooooovvvvvveee my Kindle2.\"",
            "\"0\",\"4\",\"Mon May 11 03:18:03 UTC 2009\",\"kindle2\",\"vcu451\",\"Reading my kindle2...  Love it\",\" or not, café\"",
            "\"2\",\"5\",\"Mon May 11 03:18:54 UTC 2009\",\"kindle2\",\"chadfu\",\"Ok, first assesment of the #kindle2\"");
        var rows = Sentiment140.Read(path);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("@stellargirl I loooooooovvvvvveee my Kindle2.", 1L), rows[0]);
        Assert.Equal(("Reading my kindle2...  Love it\",\" or not, café", 0L), rows[1]);   // the text keeps its "," and its Latin-1 é
        Assert.Single(Sentiment140.Read(path, max_rows: 1));
    }

    [Fact]
    public void A_damaged_or_missing_file_says_what_to_do()
    {
        var path = Csv("\"4\",\"1\",\"d\",\"q\",\"u\",\"fine\"", "\"7\",\"1\",\"d\",\"q\",\"u\",\"bad polarity\"");
        var e = Assert.Throws<InvalidDataException>(() => Sentiment140.Read(path));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("data-scripts/sentiment140.sh", Assert.Throws<FileNotFoundException>(() => Sentiment140.Read(Path.Combine(_folder, "none.csv"))).Message);
    }

    [Fact]
    public void The_script_refuses_an_archive_without_the_datasets_rows_and_leaves_nothing()
    {
        var zip = Path.Combine(_folder, "small.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var name in new[] { Sentiment140.TrainFile, Sentiment140.TestFile })
                using (var w = new StreamWriter(archive.CreateEntry(name).Open())) w.WriteLine("\"0\",\"1\",\"d\",\"q\",\"u\",\"one tweet\"");
        }
        var data = Path.Combine(_folder, "data");
        var (code, output) = DataScript.Run("sentiment140.sh", data, null, "--archive", zip);
        Assert.NotEqual(0, code);
        Assert.Contains("has 1 rows; Sentiment140's has 1,600,000", output);
        Assert.Empty(Directory.GetFileSystemEntries(data));
        (code, output) = DataScript.Run("sentiment140.sh", data, null, "--check");
        Assert.NotEqual(0, code);
        Assert.Contains("missing or damaged; run data-scripts/sentiment140.sh", output);
    }
}

using System.Text;

namespace Torchbook.Text;

/// <summary>
/// The notes' tweets: Sentiment140 (Go, Bhayani and Huang, 2009), as data-scripts/sentiment140.sh fetches it into
/// <c>&lt;data folder&gt;/sentiment140</c>. Each row of its CSV files is six quoted fields: polarity (0 negative,
/// 2 neutral, 4 positive), id, date, query, user and text, in Latin-1.
/// </summary>
public static class Sentiment140
{
    /// <summary>The folder's name inside the data folder.</summary>
    public const string FolderName = "sentiment140";

    public const string TrainFile = "training.1600000.processed.noemoticon.csv";
    public const string TestFile = "testdata.manual.2009.06.14.csv";

    /// <summary>The two labels: 0 for polarity 0, 1 for polarity 4.</summary>
    public static IReadOnlyList<string> classes { get; } = ["negative", "positive"];

    /// <summary>
    /// The tweets of one CSV file as (text, label), neutral ones (polarity 2, only in the test file) left out; at most
    /// <paramref name="max_rows"/> rows are read (the training file is sorted by polarity: take a random sample of the
    /// whole, not its first rows, for a balanced subset).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing (the message names the script).</exception>
    /// <exception cref="InvalidDataException">A row is not six quoted fields with a polarity of 0, 2 or 4 (the message names the line).</exception>
    public static List<(string text, long label)> Read(string path, int? max_rows = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Sentiment140: {path} is missing. Run `bash data-scripts/sentiment140.sh` where the internet is reachable, or pass its --archive a trainingandtestdata.zip you have.", path);
        var result = new List<(string, long)>();
        int line = 0;
        foreach (var row in File.ReadLines(path, Encoding.Latin1))
        {
            if (max_rows is { } max && line >= max) break;
            line++;
            if (row.Length == 0) continue;
            // "polarity","id","date","query","user","text": the text may itself hold "," so it is the rest of the row.
            var fields = row.Length >= 2 && row[0] == '"' && row[^1] == '"' ? row[1..^1].Split("\",\"", 6) : [];
            if (fields.Length != 6 || fields[0] is not ("0" or "2" or "4"))
                throw new InvalidDataException($"Sentiment140: {path}, line {line}, is not a row of six quoted fields with a polarity of 0, 2 or 4: '{(row.Length > 80 ? row[..80] + "..." : row)}'. The file is damaged: run data-scripts/sentiment140.sh again.");
            if (fields[0] == "2") continue;
            result.Add((fields[5], fields[0] == "4" ? 1 : 0));
        }
        return result;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Torchbook.Text;

/// <summary>
/// Chapter 9's offline stand-in for labelled text: fortune cookies from Debian's fortunes package (data-scripts/fortunes.sh
/// fetches the six files), labelled by topic. Class 0, "computers": the files computers, linux and perl; class 1,
/// "people": love, men-women and people. Real sentences written by people, two classes, a few thousand examples:
/// the shape of the notes' tweet-sentiment task, though its labels are topics, not sentiment.
/// </summary>
public static class FortuneTopics
{
    /// <summary>The folder's name inside the data folder.</summary>
    public const string FolderName = "fortunes";

    /// <summary>The two labels.</summary>
    public static IReadOnlyList<string> classes { get; } = ["computers", "people"];

    /// <summary>Each file and the label its fortunes get.</summary>
    public static IReadOnlyList<(string File, long Label)> Files { get; } =
        [("computers", 0), ("linux", 0), ("perl", 0), ("love", 1), ("men-women", 1), ("people", 1)];

    private static readonly Regex Separator = new(@"^%\r?\n", RegexOptions.Multiline);
    // Old terminals' bold and underline: a character, a backspace, then the character printed over it ("___\b\b\bword"
    // underlines: each pass removes the innermost character-and-backspace pairs).
    private static readonly Regex Overstrike = new("[^\b]\b");

    private static string WithoutOverstrikes(string text)
    {
        for (var before = ""; before != text;) (before, text) = (text, Overstrike.Replace(text, ""));
        return text;
    }

    /// <summary>
    /// Every fortune of the six files in <paramref name="folder"/>, in file order, as (text, label): the text between
    /// lines of "%", trimmed, overstrikes removed. A fortune that two files share is kept once, where it first appears.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing (the message names the script).</exception>
    public static List<(string text, long label)> Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var result = new List<(string, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, label) in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"FortuneTopics: {path} is missing. Run `bash data-scripts/fortunes.sh`, which fetches Debian's fortunes package.", path);
            foreach (var entry in Separator.Split(File.ReadAllText(path, Encoding.UTF8)))
            {
                var text = WithoutOverstrikes(entry).Trim();
                if (text.Length > 0 && seen.Add(text)) result.Add((text, label));
            }
        }
        return result;
    }

    /// <summary>
    /// Splits the fortunes at random (a <see cref="Random"/> seeded with <paramref name="seed"/>) into training, validation
    /// and test lists, <paramref name="val_fraction"/> and <paramref name="test_fraction"/> of them for the last two.
    /// </summary>
    public static (List<(string text, long label)> train, List<(string text, long label)> val, List<(string text, long label)> test) Split(
        IReadOnlyList<(string text, long label)> items, double val_fraction = 0.1, double test_fraction = 0.1, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(val_fraction >= 0 && test_fraction >= 0 && val_fraction + test_fraction < 1))
            throw new ArgumentException($"FortuneTopics.Split: the validation and test fractions must be 0 or more and leave some for training; got {val_fraction} and {test_fraction}.");
        var shuffled = items.ToArray();
        new Random(seed).Shuffle(shuffled);
        int val = (int)Math.Round(val_fraction * shuffled.Length), test = (int)Math.Round(test_fraction * shuffled.Length);
        return (shuffled[(val + test)..].ToList(), shuffled[..val].ToList(), shuffled[val..(val + test)].ToList());
    }
}

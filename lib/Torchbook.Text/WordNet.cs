using System.Text;

namespace Torchbook.Text;

/// <summary>
/// Synonyms from Princeton's WordNet, read from its database files (<c>index.noun</c>, <c>data.noun</c>, ... as described
/// in wndb(5)): Debian's wordnet-base installs them in <c>/usr/share/wordnet</c>, and data-scripts/wordnet.sh copies them
/// into the data folder. A word's synonyms are the other words of every synset it belongs to, in WordNet's order (most
/// common sense first), underscores turned into spaces. Words are looked up as written, lower-cased: there is no
/// lemmatisation (so "dogs" finds nothing where "dog" does).
/// </summary>
public sealed class WordNet
{
    private static readonly string[] Parts = ["noun", "verb", "adj", "adv"];
    private readonly Dictionary<string, List<(int part, long offset)>> _index = new(StringComparer.Ordinal);
    private readonly byte[][] _data;

    /// <summary>The folder the files were read from.</summary>
    public string folder { get; }

    /// <summary>How many distinct words (lemmas) the index holds.</summary>
    public int Count => _index.Count;

    private WordNet(string folder)
    {
        this.folder = folder;
        _data = new byte[Parts.Length][];
        for (int p = 0; p < Parts.Length; p++)
        {
            var indexFile = Path.Combine(folder, "index." + Parts[p]);
            var dataFile = Path.Combine(folder, "data." + Parts[p]);
            if (!File.Exists(indexFile) || !File.Exists(dataFile))
                throw new FileNotFoundException($"WordNet: {folder} has no index.{Parts[p]} and data.{Parts[p]}. Run `bash data-scripts/wordnet.sh` (or install Debian's wordnet-base, which puts them in /usr/share/wordnet).", indexFile);
            _data[p] = File.ReadAllBytes(dataFile);
            int lineNumber = 0;
            foreach (var line in File.ReadLines(indexFile))
            {
                lineNumber++;
                if (line.StartsWith("  ", StringComparison.Ordinal) || line.Length == 0) continue;   // the licence at the top
                // lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt synset_offset [synset_offset]...
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 6 || !int.TryParse(f[2], out var synsets) || !int.TryParse(f[3], out var pointers) || f.Length < 6 + pointers + synsets - 1)
                    throw new InvalidDataException($"WordNet: {indexFile}, line {lineNumber}, is not an index line (wndb(5)): '{Shorten(line)}'. The file is damaged; fetch it again.");
                if (!_index.TryGetValue(f[0], out var senses)) _index[f[0]] = senses = [];
                for (int s = 0; s < synsets; s++) senses.Add((p, long.Parse(f[6 + pointers + s])));
            }
        }
    }

    /// <summary>Reads the WordNet database files in <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">An index or data file is missing (the message says how to get them).</exception>
    /// <exception cref="InvalidDataException">A file is not in WordNet's format.</exception>
    public static WordNet Open(string folder) => new(Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder))));

    /// <summary>The other words of every synset <paramref name="word"/> is in, in WordNet's order, each once.</summary>
    public List<string> synonyms(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lemma = word.Trim().ToLowerInvariant().Replace(' ', '_');
        var result = new List<string>();
        if (!_index.TryGetValue(lemma, out var senses)) return result;
        var seen = new HashSet<string>(StringComparer.Ordinal) { lemma };
        foreach (var (part, offset) in senses)
            foreach (var w in SynsetWords(part, offset))
            {
                var clean = w.ToLowerInvariant();
                if (seen.Add(clean)) result.Add(clean.Replace('_', ' '));
            }
        return result;
    }

    // data.pos: synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id]... p_cnt ... | gloss
    // The offset is the line's byte position in the file; w_cnt is two hexadecimal digits; an adjective may carry a
    // marker such as "(a)" after its word.
    private IEnumerable<string> SynsetWords(int part, long offset)
    {
        var data = _data[part];
        if (offset < 0 || offset >= data.Length) throw new InvalidDataException($"WordNet: data.{Parts[part]} has no synset at byte {offset}; the files do not belong together.");
        int end = Array.IndexOf(data, (byte)'\n', (int)offset);
        var line = Encoding.UTF8.GetString(data, (int)offset, (end < 0 ? data.Length : end) - (int)offset);
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 5 || f[0] != offset.ToString("00000000") || !int.TryParse(f[3], System.Globalization.NumberStyles.HexNumber, null, out var count))
            throw new InvalidDataException($"WordNet: data.{Parts[part]} at byte {offset} is not a synset line: '{Shorten(line)}'; the files do not belong together.");
        for (int i = 0; i < count && 4 + 2 * i < f.Length; i++)
        {
            var w = f[4 + 2 * i];
            int marker = w.IndexOf('(');
            yield return marker > 0 ? w[..marker] : w;
        }
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";

    public override string ToString() => $"WordNet({Count:N0} words, from {folder})";
}

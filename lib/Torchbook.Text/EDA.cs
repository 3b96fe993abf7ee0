namespace Torchbook.Text;

/// <summary>
/// Easy Data Augmentation (Wei and Zou, 2019): four cheap edits of a tokenized sentence that mostly keep its meaning,
/// and so its label. Each takes the words and a <see cref="Random"/> (seed it for repeatable edits) and returns a new
/// list; the input is left as it is.
/// </summary>
public static class EDA
{
    // Words too common to carry meaning: not replaced by synonyms nor used to find one (our own short list).
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "to", "from", "in", "on", "off", "up",
        "down", "out", "over", "under", "into", "about", "as", "so", "than", "then", "too", "very", "not", "no", "is", "are",
        "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could",
        "should", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them",
        "their", "this", "that", "these", "those", "who", "whom", "which", "what", "there", "here", "all", "just", "s", "t",
    };

    /// <summary>True for the common words EDA leaves alone.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>SR: replaces up to <paramref name="n"/> different words (not stop words, and having synonyms) by a random synonym each.</summary>
    public static List<string> synonym_replacement(IReadOnlyList<string> words, int n, WordNet wordnet, Random random)
    {
        Check(words, n, random);
        ArgumentNullException.ThrowIfNull(wordnet);
        var result = words.ToList();
        var candidates = words.Distinct(StringComparer.Ordinal).Where(w => !IsStopWord(w) && w.Any(char.IsLetter)).ToArray();
        random.Shuffle(candidates);
        int replaced = 0;
        foreach (var word in candidates)
        {
            if (replaced == n) break;
            var options = wordnet.synonyms(word);
            if (options.Count == 0) continue;
            var synonym = options[random.Next(options.Count)];
            for (int i = 0; i < result.Count; i++) if (result[i] == word) result[i] = synonym;
            replaced++;
        }
        return result;
    }

    /// <summary>RI: <paramref name="n"/> times, inserts a synonym of a random word of the sentence at a random place (fewer if no word has one).</summary>
    public static List<string> random_insertion(IReadOnlyList<string> words, int n, WordNet wordnet, Random random)
    {
        Check(words, n, random);
        ArgumentNullException.ThrowIfNull(wordnet);
        var result = words.ToList();
        var withSynonyms = words.Distinct(StringComparer.Ordinal).Where(w => !IsStopWord(w)).Select(w => wordnet.synonyms(w)).Where(s => s.Count > 0).ToList();
        if (withSynonyms.Count == 0) return result;
        for (int k = 0; k < n; k++)
        {
            var options = withSynonyms[random.Next(withSynonyms.Count)];
            result.Insert(random.Next(result.Count + 1), options[random.Next(options.Count)]);
        }
        return result;
    }

    /// <summary>RS: <paramref name="n"/> times, swaps two words at random places.</summary>
    public static List<string> random_swap(IReadOnlyList<string> words, int n, Random random)
    {
        Check(words, n, random);
        var result = words.ToList();
        if (result.Count < 2) return result;
        for (int k = 0; k < n; k++)
        {
            int i = random.Next(result.Count), j = random.Next(result.Count - 1);
            if (j >= i) j++;   // two different places
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    /// <summary>RD: deletes each word with probability <paramref name="p"/>; if every word would go, one random word stays.</summary>
    public static List<string> random_deletion(IReadOnlyList<string> words, double p, Random random)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(random);
        if (!(p is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "random_deletion: p is a probability, in [0, 1].");
        if (words.Count <= 1) return words.ToList();
        var kept = words.Where(_ => random.NextDouble() >= p).ToList();
        return kept.Count > 0 ? kept : [words[random.Next(words.Count)]];
    }

    /// <summary>
    /// The paper's recipe: <paramref name="num_aug"/> new sentences, each made by one of the four operations (in turn:
    /// SR, RI, RS, RD), changing about alpha of the words (at least one), shuffled.
    /// </summary>
    public static List<List<string>> eda(IReadOnlyList<string> words, WordNet wordnet, Random random, double alpha_sr = 0.1, double alpha_ri = 0.1,
        double alpha_rs = 0.1, double p_rd = 0.1, int num_aug = 4)
    {
        Check(words, num_aug, random);
        int N(double alpha) => Math.Max(1, (int)(alpha * words.Count));
        var result = new List<List<string>>();
        for (int k = 0; k < num_aug; k++)
            result.Add((k % 4) switch
            {
                0 => synonym_replacement(words, N(alpha_sr), wordnet, random),
                1 => random_insertion(words, N(alpha_ri), wordnet, random),
                2 => random_swap(words, N(alpha_rs), random),
                _ => random_deletion(words, p_rd, random),
            });
        var shuffled = result.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    private static void Check(IReadOnlyList<string> words, int n, Random random)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(random);
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "EDA: the number of edits must be 0 or more.");
    }
}

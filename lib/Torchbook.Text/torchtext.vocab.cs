namespace Torchbook.Text;

public static partial class torchtext
{
    public static partial class vocab
    {
        /// <summary>
        /// A vocabulary from the tokens an iterator yields, as torchtext's <c>build_vocab_from_iterator</c>: tokens are
        /// counted, sorted by descending count and then by their text (ordinal, as Python sorts strings); with
        /// <paramref name="max_tokens"/> only the <c>max_tokens - specials.Count</c> most frequent are kept; then tokens seen
        /// fewer than <paramref name="min_freq"/> times are dropped, and the <paramref name="specials"/> (say <c>&lt;unk&gt;</c>
        /// and <c>&lt;pad&gt;</c>) are put first, in the order given, or last. Call <see cref="Vocab.set_default_index"/> to
        /// send unknown tokens to <c>&lt;unk&gt;</c>. (torchtext's legacy <c>build_vocab(max_size=N)</c> counted N without the
        /// specials: that is <c>max_tokens: N + specials.Count</c>.)
        /// </summary>
        /// <exception cref="ArgumentException">max_tokens leaves no room beside the specials, min_freq is below 1, or a special is given twice.</exception>
        public static Vocab build_vocab_from_iterator(IEnumerable<IEnumerable<string>> iterator, int min_freq = 1, IReadOnlyList<string>? specials = null,
            bool special_first = true, int? max_tokens = null)
        {
            ArgumentNullException.ThrowIfNull(iterator);
            specials ??= [];
            if (max_tokens is { } m && specials.Count >= m)
                throw new ArgumentException($"build_vocab_from_iterator: max_tokens {m} leaves no room beside the {specials.Count} specials; the vocabulary would hold only specials.", nameof(max_tokens));
            var counter = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var tokens in iterator)
                foreach (var token in tokens)
                    counter[token] = counter.GetValueOrDefault(token) + 1;
            IEnumerable<KeyValuePair<string, long>> ordered = counter.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);
            if (max_tokens is { } max) ordered = ordered.Take(max - specials.Count);
            return FromCounts(ordered.ToList(), min_freq, specials, special_first);
        }

        // torchtext's vocab(ordered_dict, ...): tokens counted fewer than min_freq times are left out (after the cut to
        // max_tokens, so the vocabulary can end up smaller), and the specials put first or last.
        private static Vocab FromCounts(IEnumerable<KeyValuePair<string, long>> ordered_dict, int min_freq, IReadOnlyList<string> specials, bool special_first)
        {
            if (min_freq < 1) throw new ArgumentException($"vocab: min_freq must be 1 or more, got {min_freq}.", nameof(min_freq));
            if (specials.Distinct(StringComparer.Ordinal).Count() != specials.Count)
                throw new ArgumentException($"vocab: a special token is given twice: {string.Join(", ", specials)}.", nameof(specials));
            var special = specials.ToHashSet(StringComparer.Ordinal);
            var tokens = ordered_dict.Where(kv => !special.Contains(kv.Key) && kv.Value >= min_freq).Select(kv => kv.Key).ToList();
            if (special_first) tokens.InsertRange(0, specials); else tokens.AddRange(specials);
            return new Vocab(tokens);
        }
    }
}

/// <summary>
/// A vocabulary: tokens to indices and back, as torchtext's <c>Vocab</c>. Without a default index an unknown token is an
/// error (as in torchtext); <see cref="set_default_index"/> maps every unknown token to one index, usually <c>&lt;unk&gt;</c>'s.
/// </summary>
public sealed class Vocab
{
    private readonly List<string> _itos;
    private readonly Dictionary<string, int> _stoi;

    internal Vocab(List<string> tokens)
    {
        _itos = tokens;
        _stoi = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
            if (!_stoi.TryAdd(tokens[i], i)) throw new ArgumentException($"Vocab: the token '{tokens[i]}' appears twice.");
    }

    /// <summary>The number of tokens, specials included.</summary>
    public int Count => _itos.Count;

    public bool Contains(string token) => _stoi.ContainsKey(token);

    /// <summary>The index of a token; the default index for an unknown one.</summary>
    /// <exception cref="KeyNotFoundException">The token is unknown and no default index is set.</exception>
    public int this[string token] =>
        _stoi.TryGetValue(token, out var i) ? i
        : _default ?? throw new KeyNotFoundException($"Token '{token}' is not in the vocabulary and no default index is set: call set_default_index(vocab[\"<unk>\"]) first.");

    private int? _default;

    /// <summary>The index unknown tokens get (null: unknown tokens are an error).</summary>
    public void set_default_index(int? index)
    {
        if (index is { } i && (i < 0 || i >= Count))
            throw new ArgumentOutOfRangeException(nameof(index), index, $"set_default_index: the vocabulary has indices 0 to {Count - 1}.");
        _default = index;
    }

    public int? get_default_index() => _default;

    /// <summary>Numericalization: the index of each token (torchtext's <c>vocab(tokens)</c>).</summary>
    public List<int> call(IEnumerable<string> tokens) => lookup_indices(tokens);

    public List<int> lookup_indices(IEnumerable<string> tokens) => tokens.Select(t => this[t]).ToList();

    /// <exception cref="ArgumentOutOfRangeException">The index is not in the vocabulary.</exception>
    public string lookup_token(int index) =>
        index >= 0 && index < Count ? _itos[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"lookup_token: the vocabulary has indices 0 to {Count - 1}.");

    public List<string> lookup_tokens(IEnumerable<int> indices) => indices.Select(lookup_token).ToList();

    /// <summary>Token to index, a copy.</summary>
    public Dictionary<string, int> get_stoi() => new(_stoi, StringComparer.Ordinal);

    /// <summary>Index to token, a copy.</summary>
    public List<string> get_itos() => [.. _itos];

    public override string ToString() =>
        $"Vocab({Count:N0} tokens: {string.Join(", ", _itos.Take(8))}{(Count > 8 ? ", ..." : "")}; default index {(_default?.ToString() ?? "none")})";
}

using System.Text.RegularExpressions;

namespace Torchbook.Text;

public static partial class torchtext
{
    public static partial class data
    {
        public static partial class utils
        {
            /// <summary>
            /// A tokenizer by name, as torchtext's <c>get_tokenizer</c>: <c>"basic_english"</c> lower-cases the line, puts
            /// spaces round . , ( ) ! ? and the apostrophe, drops double quotes, turns <c>&lt;br /&gt;</c>, ; and : into spaces,
            /// and splits on whitespace; <c>null</c> splits on whitespace alone (Python's <c>str.split</c>).
            /// </summary>
            /// <exception cref="ArgumentException">Another name: torchtext's others call spaCy, Moses or other libraries that
            /// .NET does not have (the message says what to use instead).</exception>
            public static Func<string, List<string>> get_tokenizer(string? tokenizer, string language = "en")
            {
                if (tokenizer is null) return Split;
                if (tokenizer == "basic_english")
                {
                    if (language != "en")
                        throw new ArgumentException($"get_tokenizer: basic_english is for English; got language '{language}'.", nameof(language));
                    return BasicEnglish;
                }
                throw new ArgumentException(
                    $"get_tokenizer: '{tokenizer}' is not available here: torchtext hands it to a Python library (spaCy, Moses, ...). " +
                    "Use \"basic_english\", null (split on whitespace), or a subword tokenizer from Microsoft.ML.Tokenizers.", nameof(tokenizer));
            }

            // torchtext/data/utils.py: _patterns and _replacements, applied in this order.
            private static readonly (Regex Pattern, string Replacement)[] BasicEnglishRules =
            [
                (new(@"'"), " '  "), (new("\""), ""), (new(@"\."), " . "), (new(@"<br />"), " "), (new(","), " , "),
                (new(@"\("), " ( "), (new(@"\)"), " ) "), (new("!"), " ! "), (new(@"\?"), " ? "), (new(";"), " "),
                (new(":"), " "), (new(@"\s+"), " "),
            ];

            private static List<string> BasicEnglish(string line)
            {
                ArgumentNullException.ThrowIfNull(line);
                line = line.ToLowerInvariant();
                foreach (var (pattern, replacement) in BasicEnglishRules) line = pattern.Replace(line, replacement);
                return Split(line);
            }

            private static List<string> Split(string line)
            {
                ArgumentNullException.ThrowIfNull(line);
                return line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
            }
        }
    }
}

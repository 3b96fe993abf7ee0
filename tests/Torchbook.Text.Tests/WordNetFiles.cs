using System.Text;
using Torchbook.Tests.Shared;

namespace Torchbook.Text.Tests;

/// <summary>WordNet for the tests: the real database (./build.sh data copies it into the data folder), or a tiny one written here.</summary>
internal static class WordNetFiles
{
    private static readonly Lazy<WordNet> Real = new(() =>
    {
        var data = Environment.GetEnvironmentVariable("TORCHBOOK_DATA") is { Length: > 0 } d ? d : Path.Combine(DataScript.RepositoryRoot(), "data");
        var folder = Path.Combine(data, "wordnet");
        if (!File.Exists(Path.Combine(folder, "SHA256SUMS")))
        {
            var (code, output) = DataScript.Run("wordnet.sh", data);
            Assert.True(code == 0, $"WordNet is not in {folder} and data-scripts/wordnet.sh could not fetch it:\n{output}");
        }
        return WordNet.Open(folder);
    });

    /// <summary>WordNet 3.0 (or 3.1) as data-scripts/wordnet.sh fetches it.</summary>
    public static WordNet Database => Real.Value;

    /// <summary>
    /// Writes a four-part WordNet in wndb(5)'s format with three synsets: happy/glad/felicitous (adj, with an "(a)"
    /// marker), glad/beaming (adj) and car/auto/automobile/motor_car (noun); verbs and adverbs are empty but present.
    /// </summary>
    public static string Tiny(string folder)
    {
        Directory.CreateDirectory(folder);
        const string licence = "  1 This software and database is being provided to you, the LICENSEE (a made-up header)  \n";
        string[] adjSynsets = ["00 a 03 happy 0 glad(a) 0 felicitous 0 000 | feeling joy  ", "00 s 02 glad 1 beaming 0 000 | cheerful  "];
        string[] nounSynsets = ["06 n 04 car 0 auto 0 automobile 0 motor_car 0 000 | a motor vehicle  "];
        var adj = Data(adjSynsets, out var adjOffsets);
        var noun = Data(nounSynsets, out var nounOffsets);
        File.WriteAllText(Path.Combine(folder, "data.adj"), adj);
        File.WriteAllText(Path.Combine(folder, "data.noun"), noun);
        File.WriteAllText(Path.Combine(folder, "data.verb"), licence);
        File.WriteAllText(Path.Combine(folder, "data.adv"), licence);
        File.WriteAllText(Path.Combine(folder, "index.adj"), licence +
            $"beaming a 1 0 1 0 {adjOffsets[1]:00000000}  \nfelicitous a 1 0 1 0 {adjOffsets[0]:00000000}  \n" +
            $"glad a 2 1 & 2 1 {adjOffsets[0]:00000000} {adjOffsets[1]:00000000}  \nhappy a 1 2 ! & 1 1 {adjOffsets[0]:00000000}  \n");
        File.WriteAllText(Path.Combine(folder, "index.noun"), licence +
            string.Concat(new[] { "auto", "automobile", "car", "motor_car" }.Select(w => $"{w} n 1 0 1 0 {nounOffsets[0]:00000000}  \n")));
        File.WriteAllText(Path.Combine(folder, "index.verb"), licence);
        File.WriteAllText(Path.Combine(folder, "index.adv"), licence);
        return folder;

        static string Data(string[] synsets, out long[] offsets)
        {
            var sb = new StringBuilder(licence);
            offsets = new long[synsets.Length];
            for (int i = 0; i < synsets.Length; i++)
            {
                offsets[i] = Encoding.UTF8.GetByteCount(sb.ToString());
                sb.Append($"{offsets[i]:00000000} {synsets[i]}\n");
            }
            return sb.ToString();
        }
    }
}

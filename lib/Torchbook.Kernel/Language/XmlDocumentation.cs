using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace Torchbook.Kernel.Language;

/// <summary>
/// Finds the XML doc &lt;summary&gt; of a symbol: in the .xml beside the assembly it came from, or in
/// the .NET reference pack (where the framework's docs live; scripts reference implementation
/// assemblies, which carry none). Each file is read once, on first need.
/// </summary>
public static class XmlDocumentation
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Files = new();
    private static readonly Lazy<string?> ReferencePackDirectory = new(FindReferencePack);

    public static string? Summary(ISymbol symbol, Compilation compilation)
    {
        var id = (symbol is IMethodSymbol { ReducedFrom: { } original } ? original : symbol.OriginalDefinition).GetDocumentationCommentId();
        if (id is null) return null;
        foreach (var file in CandidateFiles(symbol, compilation))
            if (Load(file).TryGetValue(id, out var summary))
                return summary;
        return null;
    }

    private static IEnumerable<string> CandidateFiles(ISymbol symbol, Compilation compilation)
    {
        var assembly = symbol.ContainingAssembly;
        if (assembly is null) yield break;
        if (compilation.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { } path })
            yield return Path.ChangeExtension(path, ".xml");
        if (ReferencePackDirectory.Value is { } pack)
        {
            yield return Path.Combine(pack, assembly.Name + ".xml");
            // Core types are implemented in System.Private.CoreLib but documented as System.Runtime.
            yield return Path.Combine(pack, "System.Runtime.xml");
            var ns = symbol.ContainingNamespace?.ToDisplayString();
            if (!string.IsNullOrEmpty(ns)) yield return Path.Combine(pack, ns + ".xml");
        }
    }

    private static IReadOnlyDictionary<string, string> Load(string path) => Files.GetOrAdd(path, static p =>
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(p)) return members;
        try
        {
            using var reader = XmlReader.Create(p, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true });
            string? member = null;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.Name == "member") member = reader.GetAttribute("name");
                else if (reader.Name == "summary" && member is not null)
                {
                    members[member] = PlainText(reader.ReadSubtree());
                    member = null;
                }
            }
        }
        catch (XmlException e)
        {
            KernelLog.Warn($"cannot read documentation file {p}: {e.Message}");
        }
        return members;
    });

    /// <summary>The text of a doc element, with &lt;see cref="T:X"/&gt; shown as X and whitespace collapsed.</summary>
    private static string PlainText(XmlReader element)
    {
        var text = new StringBuilder();
        while (element.Read())
        {
            if (element.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                text.Append(element.Value);
            else if (element.NodeType == XmlNodeType.Element && element.Name is "see" or "seealso" or "paramref" or "typeparamref")
            {
                var target = element.GetAttribute("cref") ?? element.GetAttribute("langword") ?? element.GetAttribute("name") ?? "";
                var colon = target.IndexOf(':');
                text.Append(colon >= 0 ? target[(colon + 1)..] : target);
            }
        }
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? FindReferencePack()
    {
        // shared/Microsoft.NETCore.App/<version>/ -> <dotnet root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.<minor>
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        return Directory.GetDirectories(packs)
            .Select(v => Path.Combine(v, "ref", tfm))
            .Where(Directory.Exists)
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))), out var v) ? v : new Version())
            .FirstOrDefault();
    }
}
